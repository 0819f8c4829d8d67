package org.civicloop.triage.kind;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.civicloop.triage.eval.Example;

/**
 * The labelled resident messages the project wrote to train the kind model ({@code
 * kind-examples.csv}: {@code text,label,language}, English and Spanish, as they arrive on social
 * media, SMS, e-mail and web forms). The held-out messages used to measure it are kept apart, in
 * the tests, and are never trained on.
 */
public final class KindExamples {

    static final String RESOURCE = "/org/civicloop/triage/kind/kind-examples.csv";

    private static volatile List<Example> shipped;

    private KindExamples() {}

    public static List<Example> shipped() {
        var current = shipped;
        if (current == null) shipped = current = read();
        return current;
    }

    private static List<Example> read() {
        try (var reader = new InputStreamReader(
                        Objects.requireNonNull(KindExamples.class.getResourceAsStream(RESOURCE), RESOURCE),
                        StandardCharsets.UTF_8);
                var parser = CSVParser.builder()
                        .setReader(reader)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            return parser.stream()
                    .map(r -> new Example(r.get("text"), r.get("label"), r.getRecordNumber() + 1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
