package org.civicloop.triage.location;

import java.util.List;
import java.util.Optional;
import org.civicloop.shared.GeoPoint;

/**
 * The little plane geometry locations need, on WGS 84 coordinates treated as a plane (fine at the
 * scale of a city): point in polygon (even-odd ray casting, holes and multipolygons), a point along
 * a line, where two lines cross, and distances on the sphere.
 */
public final class Geometry {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geometry() {}

    /** Whether a point is inside a ring (closed or not; a point on an edge may go either way). */
    public static boolean inRing(List<GeoPoint> ring, GeoPoint p) {
        boolean inside = false;
        int n = ring.size();
        double x = p.longitude();
        double y = p.latitude();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = ring.get(i).longitude(), yi = ring.get(i).latitude();
            double xj = ring.get(j).longitude(), yj = ring.get(j).latitude();
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    /** Whether a point is in a polygon (outer ring, then holes). */
    public static boolean inPolygon(List<List<GeoPoint>> polygon, GeoPoint p) {
        if (polygon.isEmpty() || !inRing(polygon.get(0), p)) return false;
        for (int h = 1; h < polygon.size(); h++) if (inRing(polygon.get(h), p)) return false;
        return true;
    }

    /** Whether a point is in any of the polygons. */
    public static boolean contains(List<List<List<GeoPoint>>> polygons, GeoPoint p) {
        for (List<List<GeoPoint>> polygon : polygons) if (inPolygon(polygon, p)) return true;
        return false;
    }

    /** {minLat, minLng, maxLat, maxLng} of the polygons' outer rings. */
    static double[] box(List<List<List<GeoPoint>>> polygons) {
        double[] b = {90, 180, -90, -180};
        for (List<List<GeoPoint>> polygon : polygons)
            for (GeoPoint q : polygon.get(0)) {
                b[0] = Math.min(b[0], q.latitude());
                b[1] = Math.min(b[1], q.longitude());
                b[2] = Math.max(b[2], q.latitude());
                b[3] = Math.max(b[3], q.longitude());
            }
        return b;
    }

    /** Great-circle distance in metres. */
    public static double metres(GeoPoint a, GeoPoint b) {
        double p1 = Math.toRadians(a.latitude()), p2 = Math.toRadians(b.latitude());
        double dp = p2 - p1, dl = Math.toRadians(b.longitude() - a.longitude());
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    static double length(List<GeoPoint> line) {
        double total = 0;
        for (int i = 1; i < line.size(); i++) total += metres(line.get(i - 1), line.get(i));
        return total;
    }

    /** The point a fraction (0..1) of the way along a line. */
    static GeoPoint along(List<GeoPoint> line, double fraction) {
        if (line.size() == 1) return line.get(0);
        double goal = length(line) * Math.max(0, Math.min(1, fraction));
        for (int i = 1; i < line.size(); i++) {
            GeoPoint a = line.get(i - 1), b = line.get(i);
            double d = metres(a, b);
            if (goal <= d || i == line.size() - 1) {
                double t = d == 0 ? 0 : Math.min(1, goal / d);
                return new GeoPoint(
                        a.latitude() + t * (b.latitude() - a.latitude()),
                        a.longitude() + t * (b.longitude() - a.longitude()));
            }
            goal -= d;
        }
        return line.get(line.size() - 1);
    }

    /** Where two sets of lines cross; else their closest vertices' midpoint when under 30 m apart. */
    static Optional<GeoPoint> crossing(List<List<GeoPoint>> as, List<List<GeoPoint>> bs) {
        double best = Double.MAX_VALUE;
        GeoPoint near = null;
        for (List<GeoPoint> a : as)
            for (List<GeoPoint> b : bs) {
                for (int i = 1; i < a.size(); i++)
                    for (int j = 1; j < b.size(); j++) {
                        GeoPoint x = segments(a.get(i - 1), a.get(i), b.get(j - 1), b.get(j));
                        if (x != null) return Optional.of(x);
                    }
                for (GeoPoint p : a)
                    for (GeoPoint q : b) {
                        double d = metres(p, q);
                        if (d < best) {
                            best = d;
                            near = new GeoPoint((p.latitude() + q.latitude()) / 2, (p.longitude() + q.longitude()) / 2);
                        }
                    }
            }
        return best <= 30 ? Optional.of(near) : Optional.empty();
    }

    private static GeoPoint segments(GeoPoint p1, GeoPoint p2, GeoPoint p3, GeoPoint p4) {
        double x1 = p1.longitude(), y1 = p1.latitude(), x2 = p2.longitude(), y2 = p2.latitude();
        double x3 = p3.longitude(), y3 = p3.latitude(), x4 = p4.longitude(), y4 = p4.latitude();
        double d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
        if (d == 0) return null;
        double t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d;
        double u = -((x1 - x2) * (y1 - y3) - (y1 - y2) * (x1 - x3)) / d;
        if (t < 0 || t > 1 || u < 0 || u > 1) return null;
        return new GeoPoint(y1 + t * (y2 - y1), x1 + t * (x2 - x1));
    }
}
