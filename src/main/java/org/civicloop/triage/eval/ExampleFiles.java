package org.civicloop.triage.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads labelled CSV files: a header row with at least {@code text} and {@code label} (other
 * columns are ignored, names are case-insensitive), quotes and embedded newlines as RFC 4180, a
 * UTF-8 byte-order mark tolerated; a tab-separated file ({@code .tsv}) is read the same way.
 * Rows with an empty text or label are skipped and counted, never silently.
 */
public final class ExampleFiles {

    private ExampleFiles() {}

    /** What was read, and how many rows had no text or no label. */
    public record Loaded(List<Example> examples, int skipped) {}

    public static Loaded read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        boolean tabs = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, tabs, file.toString());
        }
    }

    static Loaded read(Reader reader, boolean tabs, String name) throws IOException {
        CSVFormat format = (tabs ? CSVFormat.TDF : CSVFormat.RFC4180)
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(tabs)
                .get();
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            parser.getHeaderMap()
                    .forEach((column, index) ->
                            columns.put(column.replace("\uFEFF", "").strip(), index));
            Integer text = columns.get("text");
            Integer label = columns.get("label");
            if (text == null || label == null) {
                throw new IllegalArgumentException(name
                        + ": the header must name the columns 'text' and 'label' (found " + columns.keySet() + ")");
            }
            var examples = new ArrayList<Example>();
            int skipped = 0;
            for (CSVRecord record : parser) {
                String t = record.size() > text ? record.get(text) : "";
                String l = record.size() > label ? record.get(label) : "";
                if (t.isBlank() || l.isBlank()) {
                    skipped++;
                    continue;
                }
                examples.add(new Example(t, l.strip(), record.getParser().getCurrentLineNumber()));
            }
            return new Loaded(List.copyOf(examples), skipped);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(
                    name + ": not a readable CSV file: " + e.getCause().getMessage(), e);
        }
    }
}
