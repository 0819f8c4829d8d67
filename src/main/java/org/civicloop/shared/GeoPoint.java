package org.civicloop.shared;

/** A WGS 84 point. */
public record GeoPoint(double latitude, double longitude) {
    public GeoPoint {
        if (Double.isNaN(latitude) || latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude must be between -90 and 90");
        }
        if (Double.isNaN(longitude) || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude must be between -180 and 180");
        }
    }

    /** A point, or {@code null} when either coordinate is missing. */
    public static GeoPoint ofNullable(Double latitude, Double longitude) {
        return latitude == null || longitude == null ? null : new GeoPoint(latitude, longitude);
    }
}
