package org.civicloop.channels.csvimport;

import java.util.List;

/**
 * What an import did: {@code rows} data rows read, {@code imported} stored as new messages,
 * {@code duplicates} valid rows already stored (by an earlier import, or earlier in the same file),
 * and every invalid row with its reason. A dry run stores nothing: {@code imported} is then how
 * many would be new.
 */
public record ImportReport(long rows, long imported, long duplicates, List<RowError> errors, boolean dryRun) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    public long valid() {
        return rows - invalid();
    }

    public long invalid() {
        return errors.stream().mapToLong(RowError::row).distinct().count();
    }
}
