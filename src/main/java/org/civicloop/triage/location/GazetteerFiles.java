package org.civicloop.triage.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.shared.GeoPoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a gazetteer from a folder of files, every one optional (README "Gazetteer files"):
 *
 * <ul>
 *   <li>{@code streets.csv}: {@code name} (or {@code street}), optional {@code aliases} (separated
 *       by {@code ;}), {@code lat}, {@code lng}, {@code from}, {@code to}; other columns ignored
 *   <li>{@code streets.geojson}: LineString / MultiLineString (or Point) features with properties
 *       {@code name}, optional {@code aliases} (array or {@code ;}-separated), {@code from}, {@code to}
 *       (house numbers at the first and last point of the line)
 *   <li>{@code intersections.csv}: {@code street1,street2,lat,lng}
 *   <li>{@code addresses.csv}: {@code number,street,lat,lng}
 *   <li>{@code landmarks.csv}: {@code name,aliases,kind,lat,lng}; {@code landmarks.geojson}: Point or
 *       Polygon features with {@code name}, {@code aliases}, {@code kind}
 *   <li>{@code neighbourhoods.geojson}: Polygon / MultiPolygon features with {@code name}
 * </ul>
 *
 * Coordinates are WGS 84 (GeoJSON order: longitude, latitude). A mistake stops the reading with a
 * {@link GazetteerException} naming the file, the line or feature, and what is wrong.
 */
public final class GazetteerFiles {

    /** Opens a file of the gazetteer by name, or answers {@code null} when there is none. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String name) throws IOException;
    }

    static final List<String> FILES = List.of(
            "streets.csv",
            "streets.geojson",
            "intersections.csv",
            "addresses.csv",
            "landmarks.csv",
            "landmarks.geojson",
            "neighbourhoods.geojson");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private GazetteerFiles() {}

    /** The gazetteer in a folder. */
    public static Gazetteer read(Path directory) {
        if (!Files.isDirectory(directory))
            throw new GazetteerException("Gazetteer folder " + directory + " does not exist");
        return read(
                name -> {
                    Path file = directory.resolve(name);
                    return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
                },
                directory.toString());
    }

    public static Gazetteer read(Source source, String description) {
        Gazetteer.Parts parts = new Gazetteer.Parts();
        int found = 0;
        for (String name : FILES) {
            try (InputStream in = source.open(name)) {
                if (in == null) continue;
                found++;
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                switch (name) {
                    case "streets.csv" -> streetsCsv(reader, parts);
                    case "streets.geojson" -> streetsGeoJson(reader, parts);
                    case "intersections.csv" -> intersections(reader, parts);
                    case "addresses.csv" -> addresses(reader, parts);
                    case "landmarks.csv" -> landmarksCsv(reader, parts);
                    case "landmarks.geojson" -> landmarksGeoJson(reader, parts);
                    case "neighbourhoods.geojson" -> neighbourhoods(reader, parts);
                    default -> throw new IllegalStateException(name);
                }
            } catch (GazetteerException e) {
                throw new GazetteerException(description + "/" + name + ": " + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                throw new GazetteerException(description + "/" + name + ": cannot be read: " + e.getMessage());
            }
        }
        if (found == 0) throw new GazetteerException("Gazetteer " + description + " has none of the files " + FILES);
        return parts.build(description);
    }

    // ---- CSV

    private interface Row {
        void read(CSVRecord r, Columns c);
    }

    private record Columns(Map<String, Integer> index) {
        String get(CSVRecord r, String... names) {
            for (String n : names) {
                Integer i = index.get(n);
                if (i != null && i < r.size()) {
                    String v = r.get(i).strip();
                    return v.isEmpty() ? null : v;
                }
            }
            return null;
        }

        boolean has(String... names) {
            return Arrays.stream(names).anyMatch(index::containsKey);
        }

        String required(CSVRecord r, String... names) {
            String v = get(r, names);
            if (v == null)
                throw new GazetteerException("line " + (r.getRecordNumber() + 1) + ": " + names[0] + " is empty");
            return v;
        }

        GeoPoint point(CSVRecord r, boolean required) {
            String lat = get(r, "lat", "latitude");
            String lng = get(r, "lng", "lon", "long", "longitude");
            long line = r.getRecordNumber() + 1;
            if (lat == null && lng == null) {
                if (required) throw new GazetteerException("line " + line + ": lat and lng are missing");
                return null;
            }
            if (lat == null || lng == null)
                throw new GazetteerException("line " + line + ": give both lat and lng, or neither");
            return GazetteerFiles.point(
                    number(lat, "lat", "line " + line), number(lng, "lng", "line " + line), "line " + line);
        }

        Integer integer(CSVRecord r, String name) {
            String v = get(r, name);
            if (v == null) return null;
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new GazetteerException(
                        "line " + (r.getRecordNumber() + 1) + ": " + name + " '" + v + "' is not a whole number");
            }
        }
    }

    private static void csv(Reader reader, Row row, String... required) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(true)
                .setCommentMarker('#')
                .get();
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> index = new java.util.HashMap<>();
            parser.getHeaderMap().forEach((k, v) -> {
                if (k != null) index.put(k.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT), v);
            });
            Columns columns = new Columns(index);
            for (String r : required) {
                String[] options = r.split("\\|");
                if (!columns.has(options))
                    throw new GazetteerException("the header has no column " + r.replace("|", " or ") + " (it has "
                            + parser.getHeaderNames() + ")");
            }
            for (CSVRecord r : parser) row.read(r, columns);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            if (e instanceof GazetteerException g) throw g;
            throw new GazetteerException("not a valid CSV file: " + e.getMessage());
        }
    }

    private static List<String> list(String value) {
        if (value == null) return List.of();
        return Arrays.stream(value.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void streetsCsv(Reader reader, Gazetteer.Parts parts) throws IOException {
        csv(
                reader,
                (r, c) -> parts.add(new Gazetteer.Street(
                        c.required(r, "name", "street"),
                        list(c.get(r, "aliases")),
                        c.point(r, false),
                        List.of(),
                        c.integer(r, "from"),
                        c.integer(r, "to"))),
                "name|street");
    }

    private static void intersections(Reader reader, Gazetteer.Parts parts) throws IOException {
        csv(
                reader,
                (r, c) -> parts.intersections.add(new Gazetteer.Intersection(
                        c.required(r, "street1"), c.required(r, "street2"), c.point(r, true))),
                "street1",
                "street2",
                "lat|latitude",
                "lng|lon|long|longitude");
    }

    private static void addresses(Reader reader, Gazetteer.Parts parts) throws IOException {
        csv(
                reader,
                (r, c) -> parts.addresses.add(
                        new Gazetteer.AddressPoint(c.required(r, "number"), c.required(r, "street"), c.point(r, true))),
                "number",
                "street",
                "lat|latitude",
                "lng|lon|long|longitude");
    }

    private static void landmarksCsv(Reader reader, Gazetteer.Parts parts) throws IOException {
        csv(
                reader,
                (r, c) -> parts.landmarks.add(new Gazetteer.Landmark(
                        c.required(r, "name"),
                        list(c.get(r, "aliases")),
                        c.get(r, "kind") == null ? "landmark" : c.get(r, "kind"),
                        c.point(r, true))),
                "name",
                "lat|latitude",
                "lng|lon|long|longitude");
    }

    // ---- GeoJSON

    private static List<JsonNode> features(Reader reader) {
        JsonNode root;
        try {
            root = JSON.readTree(reader);
        } catch (RuntimeException e) {
            throw new GazetteerException("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw new GazetteerException("not a GeoJSON object");
        String type = text(root, "type");
        if ("Feature".equals(type)) return List.of(root);
        if (!"FeatureCollection".equals(type))
            throw new GazetteerException("expected a GeoJSON FeatureCollection, found type " + type);
        JsonNode features = root.get("features");
        if (features == null || !features.isArray())
            throw new GazetteerException("the FeatureCollection has no \"features\" array");
        List<JsonNode> list = new ArrayList<>();
        features.forEach(list::add);
        return list;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
    }

    private static String name(JsonNode feature, int i, String... fields) {
        JsonNode props = feature.get("properties");
        for (String f : fields) {
            String v = text(props, f);
            if (v != null && !v.isBlank()) return v.strip();
        }
        throw new GazetteerException("feature " + (i + 1) + ": properties have no " + fields[0]);
    }

    private static List<String> aliases(JsonNode feature) {
        JsonNode props = feature.get("properties");
        JsonNode a = props == null ? null : props.get("aliases");
        if (a == null || a.isNull()) return List.of();
        if (a.isArray()) {
            List<String> out = new ArrayList<>();
            a.forEach(n -> out.add(n.asString()));
            return out;
        }
        return list(a.asString());
    }

    private static Integer integer(JsonNode feature, String field, int i) {
        JsonNode props = feature.get("properties");
        JsonNode v = props == null ? null : props.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.asInt();
        try {
            return Integer.valueOf(v.asString().strip());
        } catch (NumberFormatException e) {
            throw new GazetteerException("feature " + (i + 1) + ": " + field + " '" + v + "' is not a whole number");
        }
    }

    private static JsonNode geometry(JsonNode feature, int i, String where) {
        if (!"Feature".equals(text(feature, "type"))) throw new GazetteerException(where + ": not a Feature");
        JsonNode g = feature.get("geometry");
        if (g == null || g.isNull() || !g.isObject()) throw new GazetteerException(where + ": has no geometry");
        if (g.get("coordinates") == null || !g.get("coordinates").isArray())
            throw new GazetteerException(where + ": geometry has no coordinates array");
        return g;
    }

    private static GeoPoint position(JsonNode p, String where) {
        if (p == null
                || !p.isArray()
                || p.size() < 2
                || !p.get(0).isNumber()
                || !p.get(1).isNumber())
            throw new GazetteerException(where + ": a position must be [longitude, latitude], found " + p);
        return point(p.get(1).asDouble(), p.get(0).asDouble(), where);
    }

    private static List<GeoPoint> positions(JsonNode array, String where) {
        if (array == null || !array.isArray())
            throw new GazetteerException(where + ": expected an array of positions, found " + array);
        List<GeoPoint> out = new ArrayList<>();
        for (JsonNode p : array) out.add(position(p, where));
        return out;
    }

    private static List<List<GeoPoint>> polygon(JsonNode rings, String where) {
        if (rings == null || !rings.isArray() || rings.isEmpty())
            throw new GazetteerException(where + ": a polygon needs at least one ring");
        List<List<GeoPoint>> out = new ArrayList<>();
        for (JsonNode r : rings) {
            List<GeoPoint> ring = positions(r, where);
            if (ring.size() < 4)
                throw new GazetteerException(
                        where + ": a polygon ring needs at least 4 positions (closed), found " + ring.size());
            out.add(ring);
        }
        return out;
    }

    private static void streetsGeoJson(Reader reader, Gazetteer.Parts parts) {
        List<JsonNode> features = features(reader);
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = "feature " + (i + 1);
            JsonNode g = geometry(f, i, where);
            String name = name(f, i, "name", "street");
            List<List<GeoPoint>> lines = new ArrayList<>();
            GeoPoint centroid = null;
            switch (String.valueOf(text(g, "type"))) {
                case "LineString" -> lines.add(positions(g.get("coordinates"), where));
                case "MultiLineString" -> {
                    for (JsonNode l : g.get("coordinates")) lines.add(positions(l, where));
                }
                case "Point" -> centroid = position(g.get("coordinates"), where);
                default ->
                    throw new GazetteerException(where + " (" + name
                            + "): a street is a LineString, MultiLineString or Point, not " + text(g, "type"));
            }
            for (List<GeoPoint> l : lines)
                if (l.size() < 2) throw new GazetteerException(where + " (" + name + "): a line needs 2 positions");
            parts.add(new Gazetteer.Street(
                    name, aliases(f), centroid, lines, integer(f, "from", i), integer(f, "to", i)));
        }
    }

    private static void landmarksGeoJson(Reader reader, Gazetteer.Parts parts) {
        List<JsonNode> features = features(reader);
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = "feature " + (i + 1);
            JsonNode g = geometry(f, i, where);
            String name = name(f, i, "name");
            GeoPoint point = switch (String.valueOf(text(g, "type"))) {
                case "Point" -> position(g.get("coordinates"), where);
                case "Polygon" -> middle(polygon(g.get("coordinates"), where).get(0));
                default ->
                    throw new GazetteerException(
                            where + " (" + name + "): a landmark is a Point or a Polygon, not " + text(g, "type"));
            };
            String kind = text(f.get("properties"), "kind");
            parts.landmarks.add(new Gazetteer.Landmark(name, aliases(f), kind == null ? "landmark" : kind, point));
        }
    }

    private static void neighbourhoods(Reader reader, Gazetteer.Parts parts) {
        List<JsonNode> features = features(reader);
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = "feature " + (i + 1);
            JsonNode g = geometry(f, i, where);
            String name = name(f, i, "name", "neighbourhood", "neighborhood");
            List<List<List<GeoPoint>>> polygons = new ArrayList<>();
            switch (String.valueOf(text(g, "type"))) {
                case "Polygon" -> polygons.add(polygon(g.get("coordinates"), where + " (" + name + ")"));
                case "MultiPolygon" -> {
                    for (JsonNode p : g.get("coordinates")) polygons.add(polygon(p, where + " (" + name + ")"));
                }
                default ->
                    throw new GazetteerException(where + " (" + name
                            + "): a neighbourhood is a Polygon or MultiPolygon, not " + text(g, "type"));
            }
            parts.neighbourhoods.add(new Gazetteer.Neighbourhood(name, polygons));
        }
    }

    private static GeoPoint middle(List<GeoPoint> ring) {
        double lat = 0, lng = 0;
        int n = ring.size() - (ring.get(0).equals(ring.get(ring.size() - 1)) ? 1 : 0);
        for (int i = 0; i < n; i++) {
            lat += ring.get(i).latitude();
            lng += ring.get(i).longitude();
        }
        return new GeoPoint(lat / n, lng / n);
    }

    private static double number(String v, String name, String where) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new GazetteerException(where + ": " + name + " '" + v + "' is not a number");
        }
    }

    private static GeoPoint point(double lat, double lng, String where) {
        if (lat < -90 || lat > 90)
            throw new GazetteerException(where + ": latitude " + lat + " is outside -90..90"
                    + (lng >= -90 && lng <= 90
                            ? " (latitude and longitude swapped? GeoJSON positions are [longitude, latitude])"
                            : ""));
        if (lng < -180 || lng > 180)
            throw new GazetteerException(where + ": longitude " + lng + " is outside -180..180");
        return new GeoPoint(lat, lng);
    }
}
