package org.civicloop.triage.kind;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.triage.eval.Example;

/**
 * Kinds read off labelled public data where the label honestly implies a kind (weak labels),
 * from the shared data folder ({@code ../shared/data}), which is read, never copied:
 *
 * <ul>
 *   <li>Newport SeeClickFix reports ({@code triage/newport-311-dev.csv}): {@code service_request},
 *       except the category {@code Thank a City Employee}: {@code praise};
 *   <li>tweets to airlines ({@code sentiment/airline-tweets.csv}), messages written to an
 *       organisation: negative with a stated reason (confidence ≥ 0.6) {@code complaint}; positive
 *       (confidence ≥ 0.9) {@code praise}; neutral ones asking something (a question mark,
 *       confidence ≥ 0.9) {@code question};
 *   <li>statements accepted by the moderators of English Polis consultations ({@code
 *       consultation/polis/*}/comments.csv, {@code moderated} = 1): {@code opinion};
 *   <li>Davidson tweets ({@code abuse/davidson-dev.csv}): {@code hate} and {@code offensive} are
 *       {@code abuse}; {@code neither} is {@code off_topic} (tweets not written to the city).
 * </ul>
 *
 * Used to measure the shipped kind stage on other people's messages, and for the experiment
 * (recorded in ADR 0021) of training on them too. At most {@code perKind} of each (source, kind), chosen at random with a fixed seed. There is no
 * spam and no emergency here: those come from the written examples (and the emergency rules).
 */
final class WeakKindLabels {

    private static final List<String> POLIS_ENGLISH = List.of(
            "15-per-hour-seattle", "bg2050-volunteers", "london.youth.policing", "scoop-hivemind.affordable-housing");

    private WeakKindLabels() {}

    static List<Example> read(Path shared, int perKind) throws IOException {
        var out = new ArrayList<Example>();
        out.addAll(cap(
                rows(
                        shared.resolve("triage/newport-311-dev.csv"),
                        r -> {
                            String label = r.get("label").strip();
                            return label.equalsIgnoreCase("Thank a City Employee") ? "praise" : "service_request";
                        },
                        "text"),
                perKind));
        out.addAll(cap(
                rows(
                        shared.resolve("sentiment/airline-tweets.csv"),
                        r -> {
                            String sentiment = r.get("airline_sentiment");
                            double confidence = number(r.get("airline_sentiment_confidence"));
                            if (sentiment.equals("negative")
                                    && !r.get("negativereason").isBlank()
                                    && confidence >= 0.6) return "complaint";
                            if (sentiment.equals("positive") && confidence >= 0.9) return "praise";
                            if (sentiment.equals("neutral")
                                    && confidence >= 0.9
                                    && r.get("text").contains("?")) return "question";
                            return null;
                        },
                        "text"),
                perKind));
        var opinions = new ArrayList<Example>();
        for (String conversation : POLIS_ENGLISH) {
            Path file =
                    shared.resolve("consultation/polis").resolve(conversation).resolve("comments.csv");
            if (Files.isRegularFile(file))
                opinions.addAll(rows(
                        file, r -> "1".equals(r.get("moderated").strip()) ? "opinion" : null, "comment-body"));
        }
        out.addAll(cap(opinions, perKind));
        out.addAll(cap(
                rows(
                        shared.resolve("abuse/davidson-dev.csv"),
                        r -> r.get("label").strip().equals("neither") ? "off_topic" : "abuse",
                        "text"),
                perKind));
        return List.copyOf(out);
    }

    private static List<Example> rows(Path file, Function<CSVRecord, String> kind, String textColumn)
            throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        var out = new ArrayList<Example>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = CSVParser.builder()
                        .setReader(reader)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) continue;
                String text = r.get(textColumn);
                String label = kind.apply(r);
                if (label != null && text != null && !text.isBlank())
                    out.add(new Example(text.strip(), label, r.getRecordNumber() + 1));
            }
        }
        return out;
    }

    private static List<Example> cap(List<Example> examples, int perKind) {
        Map<String, List<Example>> byKind = new LinkedHashMap<>();
        for (var e : examples)
            byKind.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        var out = new ArrayList<Example>();
        for (var group : byKind.values()) {
            var shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, new Random(42));
            out.addAll(shuffled.subList(0, Math.min(perKind, shuffled.size())));
        }
        return out;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
