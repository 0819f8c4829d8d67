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

    /**
     * Which columns hold the text and the label: a header name (case-insensitive) or a column
     * number counted from 1; {@code header} false reads a file without a header row (then both must
     * be numbers). {@link #DEFAULT} is {@code text}, {@code label}, with a header.
     */
    public record Columns(String text, String label, boolean header) {
        public static final Columns DEFAULT = new Columns("text", "label", true);

        public Columns {
            text = text == null || text.isBlank() ? "text" : text.strip();
            label = label == null || label.isBlank() ? "label" : label.strip();
            if (!header && (number(text) < 0 || number(label) < 0)) {
                throw new IllegalArgumentException(
                        "a file without a header needs column numbers (from 1) for the text and the label");
            }
        }

        static int number(String column) {
            if (!column.matches("[0-9]{1,4}")) return -1;
            int n = Integer.parseInt(column);
            if (n < 1) throw new IllegalArgumentException("columns are counted from 1: " + column);
            return n - 1;
        }
    }

    public static Loaded read(Path file) throws IOException {
        return read(file, Columns.DEFAULT);
    }

    public static Loaded read(Path file, Columns columns) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        boolean tabs = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, tabs, file.toString(), columns);
        }
    }

    static Loaded read(Reader reader, boolean tabs, String name) throws IOException {
        return read(reader, tabs, name, Columns.DEFAULT);
    }

    static Loaded read(Reader reader, boolean tabs, String name, Columns wanted) throws IOException {
        var builder = (tabs ? CSVFormat.TDF : CSVFormat.RFC4180).builder().setIgnoreSurroundingSpaces(tabs);
        if (wanted.header()) builder.setHeader().setSkipHeaderRecord(true);
        CSVFormat format = builder.get();
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (wanted.header()) {
                parser.getHeaderMap()
                        .forEach((column, index) ->
                                columns.put(column.replace("\uFEFF", "").strip(), index));
            }
            Integer text = column(columns, wanted.text());
            Integer label = column(columns, wanted.label());
            if (text == null || label == null) {
                throw new IllegalArgumentException(name + ": the header must name the columns '" + wanted.text()
                        + "' and '" + wanted.label() + "' (found " + columns.keySet() + ")");
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

    /** A column by header name, or by number when no header has that name. */
    private static Integer column(Map<String, Integer> header, String wanted) {
        Integer byName = header.get(wanted);
        if (byName != null) return byName;
        int number = Columns.number(wanted);
        return number >= 0 ? number : null;
    }
}
