package org.civicloop.triage.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civicloop.shared.GeoPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geocoding against a small town written here: two streets as lines (house numbers along one),
 * one street as a point, a listed intersection, an address point, a landmark, two neighbourhoods.
 */
class GeocodingTests {

    @TempDir
    static Path dir;

    static Locator locator;

    @BeforeAll
    static void town() throws IOException {
        // Long St runs west to east along latitude 10.0 from longitude 20.0 (number 1) to 20.01 (number 101);
        // Cross Ave runs south to north along longitude 20.004
        Files.writeString(dir.resolve("streets.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"name": "Long Street", "aliases": ["Long Rd"], "from": 1, "to": 101},
                  "geometry": {"type": "LineString", "coordinates": [[20.0, 10.0], [20.005, 10.0], [20.01, 10.0]]}},
                 {"type": "Feature", "properties": {"name": "Cross Ave"},
                  "geometry": {"type": "MultiLineString", "coordinates": [[[20.004, 9.995], [20.004, 10.0]], [[20.004, 10.0], [20.004, 10.005]]]}}
                ]}""");
        Files.writeString(dir.resolve("streets.csv"), """
                name,aliases,lat,lng
                Short Ln,Shorty Lane,10.002,20.008
                Far Rd,,10.2,20.2
                """);
        Files.writeString(dir.resolve("intersections.csv"), """
                street1,street2,lat,lng
                Short Lane,Long St,10.001,20.0081
                """);
        Files.writeString(dir.resolve("addresses.csv"), """
                number,street,lat,lng
                7,Long Street,10.0003,20.0006
                """);
        Files.writeString(dir.resolve("landmarks.csv"), """
                name,aliases,kind,lat,lng
                Town Library,the library;biblioteca,library,10.003,20.003
                """);
        Files.writeString(dir.resolve("neighbourhoods.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"name": "West"},
                  "geometry": {"type": "Polygon", "coordinates": [[[19.99, 9.99], [20.005, 9.99], [20.005, 10.01], [19.99, 10.01], [19.99, 9.99]]]}},
                 {"type": "Feature", "properties": {"name": "East"},
                  "geometry": {"type": "Polygon", "coordinates": [[[20.005, 9.99], [20.02, 9.99], [20.02, 10.01], [20.005, 10.01], [20.005, 9.99]]]}}
                ]}""");
        locator = new Locator(GazetteerFiles.read(dir));
    }

    Location locate(String text) {
        return locator.locate(text, null, null).orElseThrow();
    }

    @Test
    void aListedAddressPointIsExact() {
        Location l = locate("Trash at 7 Long St");
        assertThat(l.kind()).isEqualTo(LocationKind.ADDRESS);
        assertThat(l.point()).isEqualTo(new GeoPoint(10.0003, 20.0006));
        assertThat(l.neighbourhood()).isEqualTo("West");
        assertThat(l.confidence()).isEqualTo(0.9);
        assertThat(l.source()).isEqualTo("text");
    }

    @Test
    void aHouseNumberIsPlacedAlongTheStreetsLine() {
        // 76 is three quarters of the way from 1 to 101: longitude 20.0075
        Location l = locate("Pothole in front of 76 Long Rd");
        assertThat(l.point().latitude()).isCloseTo(10.0, within(1e-9));
        assertThat(l.point().longitude()).isCloseTo(20.0075, within(1e-6));
        assertThat(l.neighbourhood()).isEqualTo("East");
        assertThat(l.confidence()).isLessThan(0.9).isGreaterThan(0.7);
        // outside the street's numbers: its middle, less sure
        Location far = locate("Pothole in front of 500 Long Rd");
        assertThat(far.point().longitude()).isCloseTo(20.005, within(1e-6));
        assertThat(far.confidence()).isLessThan(l.confidence());
    }

    @Test
    void intersectionsAreListedOrWhereTheLinesCross() {
        Location listed = locate("light out at Short Ln and Long St");
        assertThat(listed.kind()).isEqualTo(LocationKind.INTERSECTION);
        assertThat(listed.point()).isEqualTo(new GeoPoint(10.001, 20.0081));
        Location crossing = locate("stop sign down at the corner of Long and Cross");
        assertThat(crossing.kind()).isEqualTo(LocationKind.INTERSECTION);
        assertThat(crossing.point().latitude()).isCloseTo(10.0, within(1e-9));
        assertThat(crossing.point().longitude()).isCloseTo(20.004, within(1e-9));
        assertThat(crossing.neighbourhood()).isEqualTo("West");
    }

    @Test
    void streetsWithoutACommonPointMeetHalfwayWhenNear() {
        // Short Ln is a point, Cross Ave a line: no crossing known, halfway between their middles
        Location l = locate("Cross Ave & Short Ln signal flashing");
        GeoPoint cross = new GeoPoint(10.0, 20.004);
        assertThat(l.point().latitude()).isCloseTo((cross.latitude() + 10.002) / 2, within(1e-9));
        assertThat(l.point().longitude()).isCloseTo((cross.longitude() + 20.008) / 2, within(1e-9));
        assertThat(l.confidence()).isLessThan(0.5);
    }

    @Test
    void landmarksAndStreets() {
        assertThat(locate("gas smell near the library").point()).isEqualTo(new GeoPoint(10.003, 20.003));
        Location street = locate("dead tree on Far Rd");
        assertThat(street.kind()).isEqualTo(LocationKind.STREET);
        assertThat(street.point()).isEqualTo(new GeoPoint(10.2, 20.2));
        assertThat(street.neighbourhood()).isNull();
    }

    @Test
    void coordinatesSentWithTheMessageWin() {
        GeoPoint sent = new GeoPoint(10.005, 20.012);
        Location l = locator.locate("Pothole at 7 Long St", sent, "7 Long St").orElseThrow();
        assertThat(l.kind()).isEqualTo(LocationKind.COORDINATES);
        assertThat(l.point()).isEqualTo(sent);
        assertThat(l.neighbourhood()).isEqualTo("East");
        assertThat(l.text()).isEqualTo("7 Long St");
        assertThat(l.source()).isEqualTo("payload");
        assertThat(l.confidence()).isEqualTo(1.0);
    }

    @Test
    void theAddressSentWithTheMessageComesBeforeItsText() {
        Location l = locator.locate("same pothole as the one near the library", null, "7 Long St")
                .orElseThrow();
        assertThat(l.source()).isEqualTo("address");
        assertThat(l.point()).isEqualTo(new GeoPoint(10.0003, 20.0006));
    }

    @Test
    void nothingToLocate() {
        assertThat(locator.locate("thanks for fixing it!", null, null)).isEmpty();
        assertThat(locator.locate(null, null, "  ")).isEmpty();
    }

    @Test
    void aStreetWithoutCoordinatesIsStillNamed() {
        Gazetteer names = new Gazetteer(
                java.util.List.of(
                        new Gazetteer.Street("Thames St", java.util.List.of(), null, java.util.List.of(), null, null)),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                "names");
        Location l = new Locator(names)
                .locate("620 Thames Street put trash cans out", null, null)
                .orElseThrow();
        assertThat(l.kind()).isEqualTo(LocationKind.ADDRESS);
        assertThat(l.point()).isNull();
        assertThat(l.neighbourhood()).isNull();
        assertThat(l.text()).isEqualTo("620 Thames Street");
    }

    @Test
    void theVersionNamesTheRulesAndTheGazetteer() {
        assertThat(locator.version())
                .startsWith(LocationExtractor.VERSION)
                .contains("4 streets", "1 landmarks", "2 neighbourhoods");
    }
}
