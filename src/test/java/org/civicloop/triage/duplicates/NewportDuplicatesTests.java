package org.civicloop.triage.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.civicloop.testing.SharedData;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.junit.jupiter.api.Test;

/**
 * The duplicate rules on real reports: Newport's 311 reports (address, coordinates, time, the
 * service chosen by the reporter). Each report is compared with the earlier ones in posting order,
 * as the application does; the service is the file's label (what a resident picks in a 311 app).
 * Writes every candidate pair to target/newport-duplicate-pairs.csv for reading by hand (the
 * precision in docs/triage-evaluation.md comes from such a reading).
 */
class NewportDuplicatesTests {

    record Row(String id, String text, String label, String address, GeoPoint place, Instant at) {}

    record Pair(Row earlier, Row later, String kind, double similarity, double meters, double days) {}

    static List<Row> rows() throws IOException {
        Path file = SharedData.path("triage/newport-311-dev.csv");
        var rows = new ArrayList<Row>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (var r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                if (r.get("lat").isBlank() || r.get("text").isBlank()) continue;
                rows.add(new Row(
                        r.get("id"),
                        r.get("text"),
                        r.get("label"),
                        r.get("address"),
                        new GeoPoint(Double.parseDouble(r.get("lat")), Double.parseDouble(r.get("lng"))),
                        Instant.parse(r.get("created_at"))));
            }
        }
        rows.sort(Comparator.comparing(Row::at));
        return rows;
    }

    /** Metres between two points, computed here (equirectangular: exact enough below a kilometre). */
    static double metres(GeoPoint a, GeoPoint b) {
        double x = Math.toRadians(b.longitude() - a.longitude())
                * Math.cos(Math.toRadians((a.latitude() + b.latitude()) / 2));
        double y = Math.toRadians(b.latitude() - a.latitude());
        return Math.sqrt(x * x + y * y) * 6_371_008.8;
    }

    @Test
    void candidatePairsInNewportReportsRespectPlaceTimeAndService() throws IOException {
        var settings = DuplicateSettings.defaults();
        var rules = new DuplicateRules(settings);
        var rows = rows();
        var embeddings = SentenceEmbeddings.shipped();
        var vectors = embeddings.embedAll(rows.stream().map(Row::text).toList());
        var index = new RecentMessages(Duration.ofDays(100_000), 100_000);
        var reports = new ArrayList<Report>();
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            reports.add(new Report(
                    MessageId.random(),
                    row.at(),
                    row.at(),
                    Set.of(),
                    row.place(),
                    TextSignature.of(row.text()),
                    vectors.get(i),
                    List.of(row.label())));
        }
        var pairs = new ArrayList<Pair>();
        int grouped = 0;
        for (int i = 0; i < reports.size(); i++) {
            var report = reports.get(i);
            var near = index.nearCandidates(report.text());
            // every earlier report the grouping rule accepts, not only the best one
            for (var m : rules.compare(report, index.all(), near)) {
                boolean words = m.exact() || m.jaccard() >= settings.nearSimilarity();
                if (!m.sameService() || !(words || m.cosine() >= settings.groupSimilarity())) continue;
                int j = reports.indexOf(m.other());
                pairs.add(new Pair(
                        rows.get(j),
                        rows.get(i),
                        m.exact() ? "exact" : words ? "near" : "semantic",
                        words ? (m.exact() ? 1 : m.jaccard()) : m.cosine(),
                        metres(rows.get(j).place(), rows.get(i).place()),
                        Duration.between(rows.get(j).at(), rows.get(i).at()).toMinutes() / 1440.0));
            }
            var decision = rules.decide(report, index.all(), near, List.of(), id -> Optional.empty());
            if (decision.action() == DuplicateAction.GROUPED) grouped++;
            index.add(report);
        }

        for (var p : pairs) {
            assertThat(p.later().label()).isEqualTo(p.earlier().label());
            assertThat(p.meters()).isLessThanOrEqualTo(settings.distanceMeters() + 1);
            assertThat(p.days()).isBetween(0.0, 14.0);
        }
        assertThat(grouped).isLessThanOrEqualTo(pairs.size());

        var out = new StringBuilder("kind,similarity,metres,days,label,earlier_id,earlier_text,later_id,later_text\n");
        for (var p : pairs) {
            out.append(String.join(
                            ",",
                            p.kind(),
                            String.format(Locale.ROOT, "%.3f", p.similarity()),
                            String.format(Locale.ROOT, "%.0f", p.meters()),
                            String.format(Locale.ROOT, "%.2f", p.days()),
                            csv(p.later().label()),
                            p.earlier().id(),
                            csv(p.earlier().text()),
                            p.later().id(),
                            csv(p.later().text())))
                    .append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/newport-duplicate-pairs.csv"), out);
        System.out.printf(
                Locale.ROOT,
                "Newport: %d reports with coordinates, %d candidate pairs (%d exact, %d near, %d semantic), %d reports"
                        + " grouped with an earlier one%n",
                rows.size(),
                pairs.size(),
                pairs.stream().filter(p -> p.kind().equals("exact")).count(),
                pairs.stream().filter(p -> p.kind().equals("near")).count(),
                pairs.stream().filter(p -> p.kind().equals("semantic")).count(),
                grouped);
    }

    static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"").replace("\n", " ").replace("\r", " ") + "\"";
    }
}
