package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code civicloop import mail}: progress as it goes, nothing stored twice on a second run. */
class MailImportCommandIntegrationTests {

    @TempDir
    Path data;

    record Run(int exit, String out, String err) {}

    Run run(String... files) {
        var out = new StringWriter();
        var err = new StringWriter();
        var args = new java.util.ArrayList<>(java.util.List.of(
                "import",
                "mail",
                "--data",
                data.toString(),
                "--db",
                System.getProperty("civicloop.database.url"),
                "--db-user",
                System.getProperty("civicloop.database.username")));
        args.addAll(java.util.List.of(files));
        int exit = new CommandLine(new CivicLoop())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static String message(String id, String extraHeader, String text) {
        return "From: Kim <kim@example.org>\nTo: 311@riverton.example\nSubject: Report\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0000\nMessage-ID: <" + id + "@example.org>\n" + extraHeader + "\n"
                + text + "\n";
    }

    @Test
    void importsAnMboxWithProgressAndStoresNothingTwiceOnASecondRun() throws Exception {
        String run = UUID.randomUUID().toString();
        Path mbox = data.resolve("mail.mbox");
        Files.writeString(
                mbox,
                "From kim@example.org Wed Nov 25 10:00:00 2026\n" + message(run + "-1", "", "Sidewalk cracked on 2nd")
                        + "\nFrom away@example.org Wed Nov 25 10:01:00 2026\n"
                        + message(run + "-2", "Auto-Submitted: auto-replied\n", "I am on leave")
                        + "\nFrom kim@example.org Wed Nov 25 10:02:00 2026\n"
                        + message(run + "-3", "", ">From the corner it is dangerous"),
                StandardCharsets.UTF_8);

        Run first = run(mbox.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("1/3 messages: 1 stored, 0 duplicate, 0 skipped, 0 failed")
                .contains("mail.mbox#2: skipped, Auto-Submitted: auto-replied")
                .contains("3/3 messages: 2 stored, 0 duplicate, 1 skipped, 0 failed")
                .contains("Imported 3 messages: 2 stored, 0 already there, 1 skipped, 0 failed");

        Run second = run(mbox.toString());
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("Imported 3 messages: 0 stored, 2 already there, 1 skipped, 0 failed");
    }

    @Test
    void aMissingFileIsRefusedBeforeAnythingStarts() {
        Run run = run(data.resolve("nope.mbox").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot read");
    }
}
