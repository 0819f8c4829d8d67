package org.civicloop.channels.csvimport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which column (by header name) holds each field. The text column is required. */
public record ImportMapping(Map<ImportField, String> columns) {

    public ImportMapping {
        var copy = new EnumMap<ImportField, String>(ImportField.class);
        if (columns != null) {
            columns.forEach((field, column) -> {
                if (field != null && column != null && !column.isBlank()) copy.put(field, column.strip());
            });
        }
        columns = Collections.unmodifiableMap(copy);
    }

    public Optional<String> column(ImportField field) {
        return Optional.ofNullable(columns.get(field));
    }

    /**
     * Parses {@code text=description,address=location,...} (the command line's {@code --map}).
     *
     * @throws InvalidImportException naming what is wrong
     */
    public static ImportMapping parse(String spec) {
        var columns = new EnumMap<ImportField, String>(ImportField.class);
        if (spec != null) {
            for (String pair : spec.split(",")) {
                if (pair.isBlank()) continue;
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new InvalidImportException("A mapping is field=column, not \"" + pair.strip() + "\"");
                }
                ImportField field = ImportField.fromCode(kv[0])
                        .orElseThrow(() -> new InvalidImportException(
                                "Unknown field \"" + kv[0].strip() + "\"; known: " + String.join(", ", codes())));
                columns.put(field, kv[1].strip());
            }
        }
        return new ImportMapping(columns);
    }

    /** A mapping guessed from the header: each field onto the first column whose name looks like it. */
    public static ImportMapping guess(List<String> header) {
        var columns = new EnumMap<ImportField, String>(ImportField.class);
        for (ImportField field : ImportField.values()) {
            header.stream()
                    .filter(field::looksLike)
                    .filter(h -> !columns.containsValue(h))
                    .findFirst()
                    .ifPresent(h -> columns.put(field, h));
        }
        return new ImportMapping(columns);
    }

    /** Checks the mapping against a file's header. */
    void check(List<String> header) {
        if (!columns.containsKey(ImportField.TEXT)) {
            throw new InvalidImportException("The text column is required: map text=COLUMN");
        }
        for (var entry : columns.entrySet()) {
            if (!header.contains(entry.getValue())) {
                throw new InvalidImportException("No column \"" + entry.getValue() + "\" for "
                        + entry.getKey().code() + "; the header has: " + String.join(", ", header));
            }
        }
    }

    static List<String> codes() {
        return java.util.Arrays.stream(ImportField.values())
                .map(ImportField::code)
                .toList();
    }
}
