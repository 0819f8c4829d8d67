package org.civicloop.channels.email;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Polls the city's mailbox over IMAP and takes in what residents write. The cursor {@code
 * email:imap:<user>@<host>/<folder>} is {@code <UIDVALIDITY>:<last UID stored>}: each poll fetches the
 * messages with a higher UID, in batches, and stores each batch together with the cursor that
 * covers it, so a crash re-reads at most one batch (harmless: messages are stored once per
 * Message-ID). When the server changes the folder's UIDVALIDITY (a rebuilt or restored mailbox), the
 * UIDs mean nothing any more: the folder is read again from the start and the duplicates are
 * recognised. Auto-replies, bounces and the city's own mail are counted, logged and never answered.
 * Connection failures back off exponentially behind a circuit breaker.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.email.imap", name = "enabled", havingValue = "true")
class ImapConnector implements SmartLifecycle, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(ImapConnector.class);

    private final EmailSettings.Imap settings;
    private final MessageManagement messages;
    private final MailParser parser;
    private final Clock clock;
    private final Session session;
    private final ConnectorHealth health;
    private final CircuitBreaker breaker;
    private final IntervalFunction backoff;
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;

    ImapConnector(EmailSettings settings, MessageManagement messages, ObjectMapper json, Clock clock) {
        this.settings = settings.imap();
        this.messages = messages;
        this.parser = new MailParser(json, settings);
        this.clock = clock;
        this.health = new ConnectorHealth(clock);
        this.session = Session.getInstance(properties(this.settings));
        this.breaker = CircuitBreaker.of(
                "email-imap-" + this.settings.host(),
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(6)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(this.settings.backoffMax())
                        .build());
        this.backoff = IntervalFunction.ofExponentialBackoff(
                Math.max(1, this.settings.backoffMin().toMillis()),
                2.0,
                Math.max(1, this.settings.backoffMax().toMillis()));
    }

    static Properties properties(EmailSettings.Imap imap) {
        var p = new Properties();
        String protocol = protocol(imap);
        p.setProperty("mail.store.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", imap.host());
        p.setProperty(prefix + "port", String.valueOf(imap.port()));
        p.setProperty(
                prefix + "connectiontimeout", String.valueOf(imap.timeout().toMillis()));
        p.setProperty(prefix + "timeout", String.valueOf(imap.timeout().toMillis()));
        p.setProperty(prefix + "writetimeout", String.valueOf(imap.timeout().toMillis()));
        if (imap.security() == EmailSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (imap.security() != EmailSettings.Security.NONE) p.setProperty(prefix + "ssl.checkserveridentity", "true");
        return p;
    }

    private static String protocol(EmailSettings.Imap imap) {
        return imap.security() == EmailSettings.Security.SSL ? "imaps" : "imap";
    }

    /** Where this mailbox's cursor is kept. */
    String cursorName() {
        return "email:imap:" + settings.username() + "@" + settings.host() + "/" + settings.folder();
    }

    /** A cursor position: the folder's UIDVALIDITY and the highest UID stored under it. */
    record Position(long uidValidity, long lastUid) {
        static Position parse(String value) {
            if (value == null) return null;
            String[] parts = value.split(":");
            try {
                return parts.length == 2 ? new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1])) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return uidValidity + ":" + lastUid;
        }
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        health.started();
        Thread t = new Thread(this::loop, "email-imap");
        t.setDaemon(true);
        thread = t;
        t.start();
        log.info("Polling {} every {}", description(), settings.pollInterval());
    }

    @Override
    public synchronized void stop() {
        running = false;
        health.stopped();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int failures = 0;
        while (running) {
            Duration wait = settings.pollInterval();
            if (!health.isPaused()) {
                try {
                    breaker.executeCallable(this::poll);
                    failures = 0;
                } catch (CallNotPermittedException e) {
                    log.warn("IMAP polling of {} paused after repeated failures", description());
                    wait = settings.backoffMax();
                } catch (Exception e) {
                    if (!running) return;
                    failures++;
                    health.failure(e);
                    wait = Duration.ofMillis(backoff.apply(failures));
                    log.warn("IMAP poll of {} failed ({}), next try in {}", description(), e.toString(), wait);
                }
            }
            try {
                Thread.sleep(Math.max(10, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One poll: connects, stores every message above the cursor, batch by batch. Answers how many were stored. */
    int poll() throws MessagingException, IOException {
        int stored = 0;
        try (Store store = session.getStore(protocol(settings))) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
            folder.open(settings.afterStore() == EmailSettings.AfterStore.KEEP ? Folder.READ_ONLY : Folder.READ_WRITE);
            try {
                long validity = folder.getUIDValidity();
                Position position = Position.parse(messages.cursor(cursorName()).orElse(null));
                long last = 0;
                if (position != null && position.uidValidity() == validity) {
                    last = position.lastUid();
                } else if (position != null) {
                    log.warn(
                            "UIDVALIDITY of {} changed from {} to {}: reading the folder again (stored messages are recognised)",
                            cursorName(),
                            position.uidValidity(),
                            validity);
                }
                // until everything above the cursor is stored, or stop() interrupts the polling thread
                while (!Thread.currentThread().isInterrupted()) {
                    List<Message> batch = above(folder, last);
                    if (batch.isEmpty()) break;
                    last = store(folder, batch, validity);
                    stored += batch.size();
                    if (batch.size() < settings.batchSize()) break;
                }
            } finally {
                if (folder.isOpen()) folder.close(settings.afterStore() == EmailSettings.AfterStore.MOVE);
            }
        }
        health.success();
        return stored;
    }

    /** The next batch of messages with a UID above {@code last}, lowest UIDs first. */
    private List<Message> above(IMAPFolder folder, long last) throws MessagingException {
        // "UID n:*" also answers the highest message when all UIDs are below n: filtered here
        Message[] found = folder.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        var fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(found, fp);
        var batch = new ArrayList<Message>();
        for (Message m : found) {
            if (m != null && folder.getUID(m) > last) batch.add(m);
        }
        batch.sort(Comparator.comparingLong(m -> uid(folder, m)));
        return batch.size() > settings.batchSize() ? new ArrayList<>(batch.subList(0, settings.batchSize())) : batch;
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Stores one batch with the cursor past its highest UID; answers that UID. */
    private long store(IMAPFolder folder, List<Message> batch, long validity) throws MessagingException, IOException {
        var fp = new FetchProfile();
        fp.add(IMAPFolder.FetchProfileItem.MESSAGE);
        fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        folder.fetch(batch.toArray(Message[]::new), fp);
        var residents = new ArrayList<InboundMessage>();
        long highest = 0;
        Instant newest = null;
        for (Message m : batch) {
            long uid = folder.getUID(m);
            highest = Math.max(highest, uid);
            byte[] raw = MailParser.bytes(m);
            fetched.incrementAndGet();
            Instant received =
                    m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant();
            var result = parser.parse(raw, received, clock.instant(), cursorName() + "#" + uid);
            if (result instanceof MailParser.Resident resident) {
                residents.add(resident.message());
                if (newest == null || resident.message().postedAt().isAfter(newest))
                    newest = resident.message().postedAt();
            } else {
                var s = (MailParser.Skipped) result;
                skipped.incrementAndGet();
                log.info("IMAP {} UID {} not taken in ({}): {}", cursorName(), uid, s.reason(), s.detail());
            }
        }
        messages.receiveAll(residents, cursorName(), new Position(validity, highest).toString());
        health.received(residents.size());
        if (newest != null) health.lag(Duration.between(newest, clock.instant()).abs());
        afterStore(folder, batch);
        return highest;
    }

    private void afterStore(IMAPFolder folder, List<Message> batch) {
        Message[] done = batch.toArray(Message[]::new);
        try {
            switch (settings.afterStore()) {
                case SEEN -> folder.setFlags(done, new Flags(Flags.Flag.SEEN), true);
                case MOVE -> {
                    Folder target = folder.getStore().getFolder(settings.moveTo());
                    if (!target.exists()) target.create(Folder.HOLDS_MESSAGES);
                    try {
                        folder.moveMessages(done, target);
                    } catch (MessagingException noMove) {
                        // servers without the MOVE extension: copy, then delete
                        folder.copyMessages(done, target);
                        folder.setFlags(done, new Flags(Flags.Flag.DELETED), true);
                    }
                }
                case KEEP -> {}
            }
        } catch (MessagingException e) {
            // the messages are stored and the cursor is past them: they will not be read again
            log.warn("Stored messages of {} could not be {}: {}", cursorName(), settings.afterStore(), e.getMessage());
        }
    }

    /** Messages downloaded from the server since start (stored, duplicates and skipped). */
    long fetched() {
        return fetched.get();
    }

    /** Automatic mail and the city's own mail seen since start. */
    long skipped() {
        return skipped.get();
    }

    @Override
    public String id() {
        return cursorName();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public String description() {
        return settings.folder() + " of " + settings.username() + " on " + settings.host() + ":" + settings.port();
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public ConnectorHealth.TestResult test() {
        try (Store store = session.getStore(protocol(settings))) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) return ConnectorHealth.TestResult.failed("no folder " + settings.folder());
            folder.open(Folder.READ_ONLY);
            try {
                return ConnectorHealth.TestResult.ok(settings.folder() + ": " + folder.getMessageCount()
                        + " messages, UIDVALIDITY " + ((UIDFolder) folder).getUIDValidity());
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return ConnectorHealth.TestResult.failed(
                    "cannot read " + settings.folder() + " on " + settings.host() + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ImapConnector" + Arrays.asList(settings.host(), settings.folder());
    }
}
