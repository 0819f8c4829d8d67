package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code civicloop import csv}: progress, the per-row report, dry runs and re-imports. */
class ImportCommandIntegrationTests {

    @TempDir
    Path data;

    record Run(int exit, String out, String err) {}

    Run run(String... more) {
        var args = new ArrayList<>(List.of("import", "csv"));
        args.addAll(List.of(more));
        args.addAll(List.of(
                "--data",
                data.toString(),
                "--db",
                System.getProperty("civicloop.database.url"),
                "--db-user",
                System.getProperty("civicloop.database.username")));
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = new CommandLine(new CivicLoop())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void importsValidRowsReportsInvalidOnesAndStoresNothingTwice() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path file = data.resolve("phone-log.csv");
        Files.writeString(
                file,
                "call,description,location,when\n"
                        + "c1-" + marker + ",Streetlight out " + marker + ",12 Bridge St,2026-03-02 09:05\n"
                        + "c2-" + marker + ",,5th Ave,2026-03-02 09:10\n"
                        + "c3-" + marker + ",\"Pothole, deep\n(caller: " + marker + ")\",Main St,not a date\n"
                        + "c4-" + marker + ",Missed pickup " + marker + ",Oak St,2026-03-02 10:00\n",
                StandardCharsets.UTF_8);
        String[] common = {
            file.toString(),
            "--map",
            "id=call,text=description,address=location,posted_at=when",
            "--channel",
            "phone",
            "--zone",
            "UTC"
        };

        var dry = run(concat(common, "--dry-run"));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("100%")
                .contains("Dry run, nothing stored. 4 rows: 2 would be new, 0 already stored, 2 invalid.")
                .contains("row 3, column description: missing text")
                .contains("row 4, column when: unparseable date \"not a date\"");

        var first = run(common);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("4 rows: 2 imported, 0 already stored, 2 invalid.")
                .contains("%");

        var again = run(common);
        assertThat(again.out()).contains("4 rows: 0 imported, 2 already stored, 2 invalid.");

        var badMapping = run(file.toString(), "--map", "text=nope");
        assertThat(badMapping.exit()).isEqualTo(2);
        assertThat(badMapping.err()).contains("No column \"nope\"");
        var badChannel = run(file.toString(), "--map", "text=description", "--channel", "fax");
        assertThat(badChannel.exit()).isEqualTo(2);
        assertThat(badChannel.err()).contains("Unknown channel fax");
    }

    static String[] concat(String[] a, String... b) {
        var list = new ArrayList<>(List.of(a));
        list.addAll(List.of(b));
        return list.toArray(String[]::new);
    }
}
