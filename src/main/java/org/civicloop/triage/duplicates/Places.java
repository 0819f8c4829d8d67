package org.civicloop.triage.duplicates;

import org.civicloop.shared.GeoPoint;

/** Distances on the Earth's surface. */
final class Places {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Places() {}

    /** The great-circle distance in metres (haversine), or null when either place is unknown. */
    static Double meters(GeoPoint a, GeoPoint b) {
        if (a == null || b == null) return null;
        double lat1 = Math.toRadians(a.latitude()), lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1, dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
