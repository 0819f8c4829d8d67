package org.civicloop.channels.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports a CSV file of resident messages in two passes. The first reads and checks every row;
 * the second stores every valid row in <b>one transaction</b>: either all valid rows are stored,
 * or (if the database fails midway) none is, so an import is never half done. Each message is
 * stored once per (channel, external id), so importing the same file again stores nothing new,
 * and re-running an import that failed simply does it all.
 */
@Service
public class CsvImporter {

    private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);

    /** Told how far an import has come: {@code done} of {@code total} steps (two per row). */
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> {};
    }

    private final MessageManagement messages;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    CsvImporter(MessageManagement messages, PlatformTransactionManager transactions, ObjectMapper json, Clock clock) {
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Imports the file.
     *
     * @throws InvalidImportException when the file is not CSV, has no header, or the mapping names
     *     a column the header lacks: nothing is stored
     */
    public ImportReport importFile(Path file, ImportOptions options, Progress progress) {
        Progress report = progress == null ? Progress.NONE : progress;
        char delimiter = CsvFiles.delimiter(file);
        Instant now = clock.instant();

        // pass 1: check every row
        var errors = new ArrayList<RowError>();
        long rows = 0;
        long valid = 0;
        try (CSVParser parser = CsvFiles.open(file, delimiter)) {
            var validator = new RowValidator(options, parser.getHeaderNames(), json);
            for (CSVRecord record : parser) {
                rows++;
                var outcome = validator.validate(RowValidator.row(rows), record, now);
                if (outcome.valid()) valid++;
                else errors.addAll(outcome.errors());
                if (rows % 50 == 0) report.update(rows, rows * 2);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw CsvFiles.unreadable(e);
        }
        long total = rows * 2;
        report.update(rows, total);

        // pass 2: store the valid rows, all in one transaction (or count what would be new)
        long[] counts = new long[2]; // imported, duplicates
        long finalRows = rows;
        Runnable store = () -> {
            Set<String> seen = new HashSet<>();
            long index = 0;
            try (CSVParser parser = CsvFiles.open(file, delimiter)) {
                var validator = new RowValidator(options, parser.getHeaderNames(), json);
                for (CSVRecord record : parser) {
                    index++;
                    var outcome = validator.validate(RowValidator.row(index), record, now);
                    if (outcome.valid()) {
                        var m = outcome.message();
                        if (options.dryRun()) {
                            boolean fresh = seen.add(m.channel().code() + "\u0000" + m.externalId())
                                    && messages.findByExternalId(m.channel(), m.externalId())
                                            .isEmpty();
                            counts[fresh ? 0 : 1]++;
                        } else {
                            Receipt receipt = messages.receive(m, now);
                            counts[receipt.created() ? 0 : 1]++;
                        }
                    }
                    if (index % 50 == 0) report.update(finalRows + index, total);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (index != finalRows) throw new IllegalStateException("The file changed during the import");
        };
        if (options.dryRun()) store.run();
        else transaction.executeWithoutResult(status -> store.run());
        report.update(total, total);
        var result = new ImportReport(rows, counts[0], counts[1], errors, options.dryRun());
        log.info(
                "CSV import of {}: {} rows, {} new, {} already stored, {} invalid{}",
                file.getFileName(),
                rows,
                result.imported(),
                result.duplicates(),
                result.invalid(),
                options.dryRun() ? " (dry run, nothing stored)" : "");
        return result;
    }

    /** The invalid rows as CSV (row, column, reason), safe to open in a spreadsheet. */
    public static String errorsAsCsv(List<RowError> errors) {
        var out = new StringBuilder();
        try (var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180)) {
            printer.printRecord("row", "column", "reason");
            for (RowError e : errors) printer.printRecord(e.row(), defuse(e.column()), defuse(e.reason()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A value a spreadsheet would read as a formula is prefixed with an apostrophe. */
    static String defuse(String value) {
        if (value == null || value.isEmpty()) return value;
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
