package org.civicloop.channels.csvimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reading CSV as spreadsheets and other systems write it: UTF-8 with or without a byte-order mark,
 * comma, semicolon or tab delimited (detected from the header line), RFC 4180 quoting with quoted
 * values spanning lines. A file that is not text (a NUL byte or invalid UTF-8 in its first 64 KiB)
 * or has no header is refused as a whole.
 */
public final class CsvFiles {

    static final int SNIFF = 64 * 1024;

    private CsvFiles() {}

    /** The header and the first {@code rows} data rows, for a preview. */
    public record Preview(List<String> header, List<List<String>> rows, char delimiter) {}

    public static Preview preview(Path file, int rows) {
        char delimiter = delimiter(file);
        try (CSVParser parser = open(file, delimiter)) {
            var list = new ArrayList<List<String>>();
            for (CSVRecord record : parser) {
                if (list.size() >= rows) break;
                list.add(record.toList());
            }
            return new Preview(parser.getHeaderNames(), list, delimiter);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** Refuses a file that is not UTF-8 text; answers its delimiter. */
    static char delimiter(Path file) {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFF);
        } catch (IOException e) {
            throw new InvalidImportException("Cannot read the file: " + e.getMessage(), e);
        }
        if (start.length == 0) throw new InvalidImportException("The file is empty");
        for (byte b : start) {
            if (b == 0) throw new InvalidImportException("This is not a CSV file (it contains binary data)");
        }
        int end = start.length;
        if (end == SNIFF) { // do not judge a character cut at the sniffing limit
            while (end > 0 && (start[end - 1] & 0xC0) == 0x80) end--;
            if (end > 0 && (start[end - 1] & 0x80) != 0) end--;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(start, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidImportException("This is not a UTF-8 CSV file; save it as \"CSV UTF-8\" and try again");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String header = firstLine(text);
        if (header.isBlank()) throw new InvalidImportException("The file has no header line");
        char best = ',';
        int bestCount = 0;
        for (char candidate : new char[] {',', ';', '\t'}) {
            int count = countOutsideQuotes(header, candidate);
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static String firstLine(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if ((c == '\n' || c == '\r') && !quoted) return text.substring(0, i);
        }
        return text;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }

    /** A parser positioned after the header. */
    static CSVParser open(Path file, char delimiter) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)));
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset();
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
                .get();
        try {
            CSVParser parser =
                    CSVParser.builder().setReader(reader).setFormat(format).get();
            if (parser.getHeaderNames().isEmpty()) {
                parser.close();
                throw new InvalidImportException("The file has no header line");
            }
            return parser;
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            reader.close();
            throw unreadable(e);
        }
    }

    static InvalidImportException unreadable(Exception e) {
        if (e instanceof InvalidImportException invalid) return invalid;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidImportException("The file cannot be read as CSV: " + message, e);
    }
}
