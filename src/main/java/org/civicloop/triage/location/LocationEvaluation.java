package org.civicloop.triage.location;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.shared.GeoPoint;

/**
 * Measures place extraction on reports with a gold address (and optionally gold coordinates),
 * against a gazetteer of street names: does the street named in the text match the street of the
 * gold address, and where the text holds the gold house number, is it found; next to two regular
 * expression baselines. With gold coordinates, estimates each street's middle from the training
 * part of each fold (median of its reports' coordinates) and measures how far the located point
 * is from the gold one on the other part, next to placing every report at the city's middle.
 * Used by {@code civicloop eval-location}.
 */
@org.springframework.modulith.NamedInterface("location-evaluation")
public final class LocationEvaluation {

    /** A report: its text, its gold address and coordinates (null when missing). */
    record Report(String id, String text, String address, GeoPoint point) {}

    /** Baseline 1: a house number, one to three words, a street type. */
    static final Pattern NUMBER_WORD_SUFFIX = Pattern.compile(
            "\\b(\\d{1,5})\\s+((?:[A-Za-z]+\\s+){1,3}?)(st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|boulevard|pl|place|ct|court|ter|terrace|way|hwy|highway)\\b\\.?",
            Pattern.CASE_INSENSITIVE);

    /** Baseline 2: one to three capitalised words, a street type. */
    static final Pattern WORDS_SUFFIX = Pattern.compile(
            "\\b((?:[A-Z][A-Za-z]+\\s+){1,3}?)(St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Pl|Place|Ct|Court|Ter|Terrace|Way|Hwy|Highway)\\b");

    private static final Pattern GOLD = Pattern.compile(
            "^\\s*(?:(\\d{1,5})[a-zA-Z]?(?:\\s*-\\s*(\\d{1,5})[a-zA-Z]?)?\\s+)?(.+?)\\s*(?:,|\\bnewport\\b|$)",
            Pattern.CASE_INSENSITIVE);

    private LocationEvaluation() {}

    static List<Report> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<Report> reports = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (String column : List.of("text", "address"))
                if (!parser.getHeaderMap().containsKey(column))
                    throw new IllegalArgumentException(
                            file + ": no column '" + column + "' (columns: " + parser.getHeaderNames() + ")");
            boolean coordinates = parser.getHeaderMap().containsKey("lat")
                    && parser.getHeaderMap().containsKey("lng");
            int n = 0;
            for (CSVRecord r : parser) {
                n++;
                GeoPoint point = null;
                if (coordinates) {
                    try {
                        point = new GeoPoint(Double.parseDouble(r.get("lat")), Double.parseDouble(r.get("lng")));
                    } catch (IllegalArgumentException e) {
                        point = null;
                    }
                }
                String id = parser.getHeaderMap().containsKey("id") ? r.get("id") : String.valueOf(n);
                reports.add(new Report(id, r.get("text"), r.get("address"), point));
            }
        }
        return reports;
    }

    /** The street and house numbers of a gold address, such as 116-118 Washington St Newport RI. */
    record Gold(Gazetteer.Street street, String streetText, int low, int high) {
        boolean hasNumber() {
            return low > 0;
        }

        boolean number(String found) {
            if (found == null) return false;
            Matcher m = Pattern.compile("^(\\d+)").matcher(found);
            if (!m.find()) return false;
            int n = Integer.parseInt(m.group(1));
            return n >= low && n <= high;
        }
    }

    static Gold gold(String address, Gazetteer gazetteer) {
        if (address == null) return new Gold(null, null, 0, 0);
        Matcher m = GOLD.matcher(address.strip());
        if (!m.find()) return new Gold(null, null, 0, 0);
        int low = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
        String street = m.group(3).strip();
        return new Gold(gazetteer.street(street).orElse(null), street, Math.min(low, high), Math.max(low, high));
    }

    /** Whether a text mentions the street at all, by its name without type as a word. */
    static boolean mentions(String text, Gazetteer.Street street) {
        String base = Names.base(Names.normal(street.name()));
        String folded = " " + Names.normal(text == null ? "" : text) + " ";
        return !base.isEmpty() && folded.contains(" " + base + " ");
    }

    /** Counts behind precision and recall. */
    static final class Score {
        int predicted;
        int correct;
        int gold;

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            double p = predicted == 0 ? 0 : (double) correct / predicted;
            double r = gold == 0 ? 0 : (double) correct / gold;
            m.put("precision", round(p));
            m.put("recall", round(r));
            m.put("f1", round(p + r == 0 ? 0 : 2 * p * r / (p + r)));
            m.put("predicted", predicted);
            m.put("correct", correct);
            m.put("gold", gold);
            return m;
        }
    }

    public static Map<String, Object> run(Path reportsFile, Path streetsFile, int folds) throws IOException {
        if (folds < 2) throw new IllegalArgumentException("--folds must be at least 2");
        Gazetteer gazetteer;
        try {
            gazetteer = streetNames(streetsFile);
        } catch (GazetteerException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Report> reports = read(reportsFile);
        LocationExtractor extractor = new LocationExtractor(gazetteer);

        Score street = new Score(), streetMentioned = new Score(), number = new Score();
        Score b1Street = new Score(), b1Number = new Score(), b2Street = new Score();
        int withGoldStreet = 0, mentioned = 0, withNumberInText = 0, predictedWithoutGold = 0;
        Map<String, Integer> kinds = new LinkedHashMap<>();
        List<Mention> best = new ArrayList<>();
        long started = System.nanoTime();
        for (Report r : reports) {
            List<Mention> ms = extractor.extract(r.text());
            best.add(ms.isEmpty() ? null : ms.get(0));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            Mention m = best.get(i);
            Gold g = gold(r.address(), gazetteer);
            if (m != null) kinds.merge(m.kind().code(), 1, Integer::sum);
            Matcher b1 = NUMBER_WORD_SUFFIX.matcher(r.text());
            boolean b1Found = b1.find();
            Matcher b2 = WORDS_SUFFIX.matcher(r.text());
            boolean b2Found = b2.find();
            if (g.street() == null) {
                if (m != null && m.street() != null) predictedWithoutGold++;
                continue;
            }
            withGoldStreet++;
            boolean inText = mentions(r.text(), g.street());
            if (inText) mentioned++;
            street.gold++;
            if (inText) streetMentioned.gold++;
            if (m != null && m.street() != null) {
                boolean ok = m.street() == g.street() || m.cross() == g.street();
                street.predicted++;
                if (ok) street.correct++;
                if (inText) {
                    streetMentioned.predicted++;
                    if (ok) streetMentioned.correct++;
                }
            }
            b1Street.gold++;
            b2Street.gold++;
            if (b1Found) {
                b1Street.predicted++;
                if (sameStreet(b1.group(2) + b1.group(3), g.street(), gazetteer)) b1Street.correct++;
            }
            if (b2Found) {
                b2Street.predicted++;
                if (sameStreet(b2.group(1) + b2.group(2), g.street(), gazetteer)) b2Street.correct++;
            }
            if (g.hasNumber()) {
                boolean numberInText = Pattern.compile("(?<!\\d)" + g.low() + "(?!\\d)")
                                .matcher(r.text())
                                .find()
                        || Pattern.compile("(?<!\\d)" + g.high() + "(?!\\d)")
                                .matcher(r.text())
                                .find();
                if (numberInText) {
                    withNumberInText++;
                    number.gold++;
                    b1Number.gold++;
                }
                if (m != null && m.number() != null) {
                    number.predicted++;
                    if (g.number(m.number()) && (m.street() == g.street())) number.correct++;
                }
                if (b1Found) {
                    b1Number.predicted++;
                    if (g.number(b1.group(1)) && sameStreet(b1.group(2) + b1.group(3), g.street(), gazetteer))
                        b1Number.correct++;
                }
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reports", reports.size());
        out.put("gazetteer_streets", gazetteer.streets().size());
        out.put("reports_with_a_gazetteer_street_in_the_gold_address", withGoldStreet);
        out.put("of_which_the_text_names_that_street", mentioned);
        out.put("reports_whose_text_holds_the_gold_house_number", withNumberInText);
        out.put("places_found_by_kind", kinds);
        out.put("streets_found_where_the_gold_address_has_none", predictedWithoutGold);
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("street", street.json());
        ours.put("street_where_the_text_names_it", streetMentioned.json());
        ours.put("house_number", number.json());
        ours.put("messages_per_second", Math.round(reports.size() / Math.max(seconds, 1e-9)));
        out.put(LocationExtractor.VERSION, ours);
        Map<String, Object> base1 = new LinkedHashMap<>();
        base1.put("street", b1Street.json());
        base1.put("house_number", b1Number.json());
        out.put("baseline_regex_number_words_type", base1);
        out.put("baseline_regex_capitalised_words_type", Map.of("street", b2Street.json()));
        if (reports.stream().anyMatch(r -> r.point() != null))
            out.put("geocoding_with_street_middles_from_training_folds", distances(reports, best, gazetteer, folds));
        return out;
    }

    private static final Pattern NOT_A_NAME =
            Pattern.compile("(?i)^corner|\\bat\\b|/|\\bwhen\\b|\\bintersect|\\bnear\\b|\\bby\\b");

    /**
     * A gazetteer of the street names in a list ({@code name} or {@code street} column, other
     * columns ignored), cleaned of what residents typed into the address box that is not a street
     * name: "Corner Of Gilroy", "Thames At Brown", "Thames/Holland" are dropped, "3 Ella Terrace"
     * becomes "Ella Terrace".
     */
    static Gazetteer streetNames(Path file) {
        Gazetteer listed = GazetteerFiles.read(
                name -> name.equals("streets.csv") ? Files.newInputStream(file) : null, file.toString());
        Gazetteer.Parts parts = new Gazetteer.Parts();
        for (Gazetteer.Street s : listed.streets()) {
            List<String> names = new ArrayList<>();
            names.add(s.name());
            names.addAll(s.aliases());
            List<String> clean = names.stream()
                    .map(n -> n.replaceFirst("^\\d+[a-zA-Z]?\\s+(?=\\p{L})", "").strip())
                    .filter(n -> !n.isEmpty() && !NOT_A_NAME.matcher(n).find())
                    .distinct()
                    .toList();
            if (clean.isEmpty()) continue;
            parts.add(new Gazetteer.Street(
                    clean.get(0), clean.subList(1, clean.size()), s.centroid(), s.lines(), s.from(), s.to()));
        }
        return parts.build(file + " (cleaned)");
    }

    private static boolean sameStreet(String found, Gazetteer.Street gold, Gazetteer gazetteer) {
        String normal = Names.normal(found.replaceAll("\\s+", " ").strip());
        return gazetteer.street(normal).map(s -> s == gold).orElse(false);
    }

    /**
     * K folds by report id (copies of a report stay together): street middles from the other folds'
     * gold points, distances on this fold; baseline: the median of the other folds' points.
     */
    private static Map<String, Object> distances(
            List<Report> reports, List<Mention> best, Gazetteer gazetteer, int folds) {
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        int located = 0, tested = 0;
        for (int fold = 0; fold < folds; fold++) {
            Map<Gazetteer.Street, List<GeoPoint>> train = new HashMap<>();
            List<GeoPoint> all = new ArrayList<>();
            for (Report r : reports) {
                if (r.point() == null || fold(r, folds) == fold) continue;
                all.add(r.point());
                Gold g = gold(r.address(), gazetteer);
                if (g.street() != null)
                    train.computeIfAbsent(g.street(), k -> new ArrayList<>()).add(r.point());
            }
            GeoPoint city = median(all);
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                if (r.point() == null || fold(r, folds) != fold) continue;
                tested++;
                baseline.add(Geometry.metres(city, r.point()));
                Mention m = best.get(i);
                if (m == null || m.street() == null) continue;
                GeoPoint a = train.containsKey(m.street()) ? median(train.get(m.street())) : null;
                GeoPoint b = m.cross() != null && train.containsKey(m.cross()) ? median(train.get(m.cross())) : null;
                GeoPoint p = a != null && b != null
                        ? new GeoPoint((a.latitude() + b.latitude()) / 2, (a.longitude() + b.longitude()) / 2)
                        : a != null ? a : b;
                if (p == null) continue;
                located++;
                ours.add(Geometry.metres(p, r.point()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folds", folds);
        out.put("reports_with_gold_coordinates", tested);
        out.put("located", located);
        out.put("coverage", round(tested == 0 ? 0 : (double) located / tested));
        out.put("located_median_metres", Math.round(percentile(ours, 0.5)));
        out.put("located_within_250_m", round(share(ours, 250)));
        out.put("located_within_500_m", round(share(ours, 500)));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("median_metres_same_reports", Math.round(percentile(sameReports(reports, best, gazetteer, folds), 0.5)));
        b.put("median_metres_all_reports", Math.round(percentile(baseline, 0.5)));
        b.put("within_500_m_all_reports", round(share(baseline, 500)));
        out.put("baseline_city_middle", b);
        return out;
    }

    /** The city-middle baseline's distances on the very reports our located ones are. */
    private static List<Double> sameReports(List<Report> reports, List<Mention> best, Gazetteer gazetteer, int folds) {
        List<Double> out = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            List<GeoPoint> all = new ArrayList<>();
            Map<Gazetteer.Street, Integer> known = new HashMap<>();
            for (Report r : reports) {
                if (r.point() == null || fold(r, folds) == fold) continue;
                all.add(r.point());
                Gold g = gold(r.address(), gazetteer);
                if (g.street() != null) known.merge(g.street(), 1, Integer::sum);
            }
            GeoPoint city = median(all);
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                Mention m = best.get(i);
                if (r.point() == null || fold(r, folds) != fold || m == null || m.street() == null) continue;
                if (!known.containsKey(m.street()) && (m.cross() == null || !known.containsKey(m.cross()))) continue;
                out.add(Geometry.metres(city, r.point()));
            }
        }
        return out;
    }

    private static int fold(Report r, int folds) {
        return Math.floorMod(r.id().hashCode() * 0x9E3779B1, folds);
    }

    private static GeoPoint median(List<GeoPoint> points) {
        double[] lat = points.stream().mapToDouble(GeoPoint::latitude).sorted().toArray();
        double[] lng = points.stream().mapToDouble(GeoPoint::longitude).sorted().toArray();
        return new GeoPoint(middle(lat), middle(lng));
    }

    private static double middle(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) return Double.NaN;
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return q == 0.5 ? middle(s) : s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }

    private static double share(List<Double> values, double limit) {
        return values.isEmpty()
                ? 0
                : (double) values.stream().filter(d -> d <= limit).count() / values.size();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
