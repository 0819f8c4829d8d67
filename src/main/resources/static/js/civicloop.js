// Progressive enhancements; every page works without them.
(function () {
  "use strict";
  var button = document.getElementById("use-location");
  if (button && "geolocation" in navigator) {
    var status = document.getElementById("location-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
        status.textContent = status.dataset.found;
      }, function () {
        status.textContent = status.dataset.failed;
      }, { enableHighAccuracy: true, timeout: 10000 });
    });
  }
})();
