package org.civicloop.channels.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports e-mail saved as files: single messages ({@code .eml}) and mailboxes ({@code .mbox},
 * mboxo or mboxrd). Each resident message goes through the ingest path, so importing the same file
 * again stores nothing twice; auto-replies, bounces and the city's own mail are counted, not stored.
 */
@Service
public class MailImport {

    private static final Logger log = LoggerFactory.getLogger(MailImport.class);

    /** Where an import stands after each message. */
    public record Progress(
            String file, int done, int total, int stored, int duplicates, int skipped, int failed, String note) {}

    /** What an import did. */
    public record Report(int total, int stored, int duplicates, int skipped, int failed) {}

    private final MessageManagement messages;
    private final MailParser parser;
    private final Clock clock;

    MailImport(MessageManagement messages, ObjectMapper json, EmailSettings settings, Clock clock) {
        this.messages = messages;
        this.parser = new MailParser(json, settings);
        this.clock = clock;
    }

    /** Imports every file in order, telling {@code progress} after each message. */
    public Report importFiles(List<Path> files, Consumer<Progress> progress) throws IOException {
        int total = 0;
        for (Path file : files) total += Mbox.isMbox(file) ? Mbox.count(file) : 1;
        var run = new Run(total, progress);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Mbox.isMbox(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    Mbox.read(in, (index, bytes) -> run.one(name + "#" + (index + 1), bytes));
                }
            } else {
                long size = Files.size(file);
                run.one(name, size > Mbox.MAX_MESSAGE ? null : Files.readAllBytes(file));
            }
        }
        return new Report(run.total, run.stored, run.duplicates, run.skipped, run.failed);
    }

    private final class Run {
        final int total;
        final Consumer<Progress> progress;
        int done;
        int stored;
        int duplicates;
        int skipped;
        int failed;
        /** Messages of the city not stored, and what they answered: a reply to them joins the same thread. */
        final Map<String, List<String>> skippedRefs = new HashMap<>();

        Run(int total, Consumer<Progress> progress) {
            this.total = total;
            this.progress = progress == null ? p -> {} : progress;
        }

        void one(String where, byte[] bytes) {
            done++;
            String note;
            if (bytes == null) {
                failed++;
                note = where + ": larger than " + Mbox.MAX_MESSAGE + " bytes, not imported";
                log.warn("Mail import: {}", note);
            } else {
                var result = parser.parse(bytes, null, clock.instant(), "import:" + where);
                if (result instanceof MailParser.Resident resident) {
                    var receipt = messages.receive(withSkippedThread(resident.message()));
                    if (receipt.created()) stored++;
                    else duplicates++;
                    note = null;
                } else {
                    var s = (MailParser.Skipped) result;
                    if (s.reason() == MailParser.Reason.UNREADABLE) {
                        failed++;
                        log.warn("Mail import: {} not readable: {}", where, s.detail());
                        note = where + ": not readable (" + s.detail() + ")";
                    } else {
                        skipped++;
                        skippedRefs.put(s.externalId(), s.threadRefs());
                        log.info(
                                "Mail import: {} skipped, {}: {}",
                                where,
                                s.reason().name().toLowerCase(java.util.Locale.ROOT),
                                s.detail());
                        note = where + ": skipped, " + s.detail();
                    }
                }
            }
            progress.accept(new Progress(where, done, total, stored, duplicates, skipped, failed, note));
        }

        /** A reply to the city's (unstored) answer also answers what that answer answered. */
        InboundMessage withSkippedThread(InboundMessage message) {
            if (skippedRefs.isEmpty() || message.threadRefs().isEmpty()) return message;
            var refs = new LinkedHashSet<>(message.threadRefs());
            var queue = new ArrayList<>(message.threadRefs());
            for (int i = 0; i < queue.size() && i < 1000; i++) {
                for (String ref : skippedRefs.getOrDefault(queue.get(i), List.of())) {
                    if (refs.add(ref)) queue.add(ref);
                }
            }
            return refs.size() == message.threadRefs().size() ? message : message.inThreadOf(List.copyOf(refs));
        }
    }
}
