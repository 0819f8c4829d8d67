package org.civicloop.triage.location;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.shared.GeoPoint;

/**
 * A city's places, as CivicLoop knows them: streets (names, aliases, optionally a line or a point
 * near the middle and house-number ranges), intersections, address points, landmarks and parks,
 * and neighbourhood polygons. Read from files by {@link GazetteerFiles}; immutable once built.
 * Names are compared in their {@link Names normal form}.
 */
public final class Gazetteer {

    /** A street: its name, other names residents use, a point near its middle, its line, numbers along it. */
    public record Street(
            String name,
            List<String> aliases,
            GeoPoint centroid,
            List<List<GeoPoint>> lines,
            Integer from,
            Integer to) {

        public Street {
            aliases = List.copyOf(aliases);
            lines = lines.stream().map(List::copyOf).toList();
        }

        /** A point for the whole street: the given one, else the middle of its lines. */
        public Optional<GeoPoint> point() {
            if (centroid != null) return Optional.of(centroid);
            if (lines.isEmpty()) return Optional.empty();
            // halfway along its parts taken in order (a street drawn in pieces is usually one line)
            List<GeoPoint> all = new ArrayList<>();
            lines.forEach(all::addAll);
            return Optional.of(Geometry.along(all, 0.5));
        }

        List<GeoPoint> longest() {
            List<GeoPoint> best = lines.get(0);
            for (List<GeoPoint> l : lines) if (Geometry.length(l) > Geometry.length(best)) best = l;
            return best;
        }
    }

    public record Intersection(String street1, String street2, GeoPoint point) {}

    public record AddressPoint(String number, String street, GeoPoint point) {}

    /** A landmark or park: "the library", "Riverside Park", "St. Mary's Church". */
    public record Landmark(String name, List<String> aliases, String kind, GeoPoint point) {
        public Landmark {
            aliases = List.copyOf(aliases);
        }
    }

    /** A neighbourhood: one or more polygons, each an outer ring and holes. */
    public record Neighbourhood(String name, List<List<List<GeoPoint>>> polygons) {
        public boolean contains(GeoPoint p) {
            return Geometry.contains(polygons, p);
        }
    }

    private final List<Street> streets;
    private final List<Intersection> intersections;
    private final List<AddressPoint> addresses;
    private final List<Landmark> landmarks;
    private final List<Neighbourhood> neighbourhoods;
    private final String source;

    final Map<String, Street> streetsByName = new HashMap<>();
    final Map<String, List<Street>> streetsByBase = new HashMap<>();
    final Map<String, Landmark> landmarksByName = new HashMap<>();
    private final Map<String, GeoPoint> intersectionsByPair = new HashMap<>();
    private final Map<String, GeoPoint> addressesByKey = new HashMap<>();
    private final double[][] boxes;
    int longestName = 1;

    Gazetteer(
            List<Street> streets,
            List<Intersection> intersections,
            List<AddressPoint> addresses,
            List<Landmark> landmarks,
            List<Neighbourhood> neighbourhoods,
            String source) {
        this.streets = List.copyOf(streets);
        this.intersections = List.copyOf(intersections);
        this.addresses = List.copyOf(addresses);
        this.landmarks = List.copyOf(landmarks);
        this.neighbourhoods = List.copyOf(neighbourhoods);
        this.source = source;
        for (Street s : this.streets) {
            List<String> names = new ArrayList<>();
            names.add(s.name());
            names.addAll(s.aliases());
            for (String n : names) {
                String normal = Names.normal(n);
                if (normal.isEmpty()) continue;
                streetsByName.putIfAbsent(normal, s);
                longestName = Math.max(longestName, normal.split(" ").length);
                String base = Names.base(normal);
                List<Street> same = streetsByBase.computeIfAbsent(base, k -> new ArrayList<>());
                if (!same.contains(s)) same.add(s);
            }
        }
        for (Landmark l : this.landmarks) {
            List<String> names = new ArrayList<>();
            names.add(l.name());
            names.addAll(l.aliases());
            for (String n : names) {
                String normal = Names.normal(n);
                if (normal.isEmpty()) continue;
                landmarksByName.putIfAbsent(normal, l);
                longestName = Math.max(longestName, normal.split(" ").length);
            }
        }
        for (Intersection i : this.intersections) {
            Street a = street(i.street1()).orElse(null);
            Street b = street(i.street2()).orElse(null);
            intersectionsByPair.putIfAbsent(
                    pair(
                            a == null ? Names.normal(i.street1()) : a.name(),
                            b == null ? Names.normal(i.street2()) : b.name()),
                    i.point());
        }
        for (AddressPoint a : this.addresses) {
            Street s = street(a.street()).orElse(null);
            addressesByKey.putIfAbsent(
                    Names.fold(a.number()) + " " + (s == null ? Names.normal(a.street()) : s.name()), a.point());
        }
        boxes = new double[this.neighbourhoods.size()][];
        for (int i = 0; i < boxes.length; i++)
            boxes[i] = Geometry.box(this.neighbourhoods.get(i).polygons());
    }

    /** A gazetteer that knows no place. */
    public static Gazetteer empty() {
        return new Gazetteer(List.of(), List.of(), List.of(), List.of(), List.of(), "empty");
    }

    public List<Street> streets() {
        return streets;
    }

    public List<Intersection> intersections() {
        return intersections;
    }

    public List<AddressPoint> addresses() {
        return addresses;
    }

    public List<Landmark> landmarks() {
        return landmarks;
    }

    public List<Neighbourhood> neighbourhoods() {
        return neighbourhoods;
    }

    /** Where it was read from, for logs and the stored version. */
    public String source() {
        return source;
    }

    public boolean isEmpty() {
        return streets.isEmpty() && landmarks.isEmpty() && neighbourhoods.isEmpty();
    }

    /** The street of that name or alias ("Mill Street", "mill st."). */
    public Optional<Street> street(String name) {
        return Optional.ofNullable(streetsByName.get(Names.normal(name)));
    }

    /** The neighbourhood a point is in, if any (the first listed when polygons overlap). */
    public Optional<Neighbourhood> neighbourhoodOf(GeoPoint p) {
        for (int i = 0; i < boxes.length; i++) {
            double[] b = boxes[i];
            if (p.latitude() < b[0] || p.latitude() > b[2] || p.longitude() < b[1] || p.longitude() > b[3]) continue;
            if (neighbourhoods.get(i).contains(p)) return Optional.of(neighbourhoods.get(i));
        }
        return Optional.empty();
    }

    /** Where two streets cross: listed, else where their lines meet. */
    Optional<GeoPoint> intersection(Street a, Street b) {
        GeoPoint listed = intersectionsByPair.get(pair(a.name(), b.name()));
        if (listed != null) return Optional.of(listed);
        return Geometry.crossing(a.lines(), b.lines());
    }

    /** A listed address point. */
    Optional<GeoPoint> address(String number, Street street) {
        return Optional.ofNullable(addressesByKey.get(Names.fold(number) + " " + street.name()));
    }

    private static String pair(String a, String b) {
        String x = Names.normal(a);
        String y = Names.normal(b);
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    /** The parts a gazetteer is built from; several files may add to each. */
    static final class Parts {
        final Map<String, Street> streets = new LinkedHashMap<>();
        final List<Intersection> intersections = new ArrayList<>();
        final List<AddressPoint> addresses = new ArrayList<>();
        final List<Landmark> landmarks = new ArrayList<>();
        final List<Neighbourhood> neighbourhoods = new ArrayList<>();

        /** Adds a street, merging with one of the same normal name (aliases, point and lines add up). */
        void add(Street s) {
            String key = Names.normal(s.name());
            Street old = streets.get(key);
            if (old == null) {
                streets.put(key, s);
                return;
            }
            List<String> aliases = new ArrayList<>(old.aliases());
            for (String a : s.aliases()) if (!aliases.contains(a)) aliases.add(a);
            List<List<GeoPoint>> lines = new ArrayList<>(old.lines());
            lines.addAll(s.lines());
            streets.put(
                    key,
                    new Street(
                            old.name(),
                            aliases,
                            old.centroid() != null ? old.centroid() : s.centroid(),
                            lines,
                            old.from() != null ? old.from() : s.from(),
                            old.to() != null ? old.to() : s.to()));
        }

        /**
         * Builds the gazetteer. A name without a type and without coordinates ("Thames") that is the
         * name of a typed street ("Thames St") becomes that street's alias (the first listed when
         * several share it).
         */
        Gazetteer build(String source) {
            Map<String, String> firstTyped = new HashMap<>();
            for (Map.Entry<String, Street> e : streets.entrySet()) {
                String base = Names.base(e.getKey());
                if (!base.equals(e.getKey())) firstTyped.putIfAbsent(base, e.getKey());
            }
            for (String key : List.copyOf(streets.keySet())) {
                Street s = streets.get(key);
                String typed = firstTyped.get(key);
                if (typed == null || s.centroid() != null || !s.lines().isEmpty()) continue;
                streets.remove(key);
                Street t = streets.get(typed);
                List<String> aliases = new ArrayList<>(t.aliases());
                if (!aliases.contains(s.name())) aliases.add(s.name());
                aliases.addAll(s.aliases());
                streets.put(typed, new Street(t.name(), aliases, t.centroid(), t.lines(), t.from(), t.to()));
            }
            return new Gazetteer(
                    List.copyOf(streets.values()), intersections, addresses, landmarks, neighbourhoods, source);
        }
    }
}
