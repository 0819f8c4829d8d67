package org.civicloop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pushes synthetic resident messages through the ingest path connectors use ({@link
 * MessageManagement#receiveAll}: stored idempotently, conversations joined, {@code MessageReceived}
 * published, the connector's cursor moved, one transaction per batch) and, in the same run, the
 * same rows through bare JDBC batch inserts into a table of the same shape, for comparison.
 */
final class IngestBenchmark {

    /** What one pass measured. */
    record Result(String name, int messages, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return messages / seconds;
        }

        static Result combine(String name, List<Result> parts) {
            int messages = parts.stream().mapToInt(Result::messages).sum();
            double seconds = parts.stream().mapToDouble(Result::seconds).sum();
            long[] latencies = new long[messages];
            int at = 0;
            for (Result part : parts) {
                System.arraycopy(part.latenciesNanos(), 0, latencies, at, part.messages());
                at += part.messages();
            }
            return new Result(name, messages, seconds, latencies);
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private final MessageManagement ingest;
    private final DataSource dataSource;
    private final PrintStream out;
    private final int batchSize;
    private final int threads;

    IngestBenchmark(MessageManagement ingest, DataSource dataSource, PrintStream out, int batchSize, int threads) {
        this.ingest = ingest;
        this.dataSource = dataSource;
        this.out = out;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /** The {@code civicloop bench ingest} command: answers the exit code. */
    static int main(
            int count, int batchSize, int threads, String serverUrl, String user, String password, boolean triage)
            throws Exception {
        PrintStream out = System.out;
        Path scratch = Files.createTempDirectory("civicloop-bench");
        String scratchDatabase = null;
        String scratchUrl = null;
        if (serverUrl != null) {
            scratchDatabase = "civicloop_bench_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            scratchUrl = withDatabase(serverUrl, scratchDatabase);
            execute(serverUrl, user, password, "CREATE DATABASE " + scratchDatabase);
        }
        try {
            Map<String, Object> p = new HashMap<>();
            p.put("civicloop.data-dir", scratch.toString());
            p.put("civicloop.database.url", scratchUrl == null ? "" : scratchUrl);
            p.put("civicloop.database.username", user == null ? "" : user);
            p.put("civicloop.database.password", password == null ? "" : password);
            p.put("civicloop.database.maximum-pool-size", Math.max(10, threads + 8));
            p.put("logging.level.root", "WARN");
            p.put("civicloop.replies.dispatch-interval", "1h");
            // triage is measured by `bench triage`; with --triage it runs here too, on the same cores
            p.put("civicloop.triage.enabled", Boolean.toString(triage));
            out.println(
                    triage
                            ? "Triage runs in the same process (--triage): it competes for the cores and its durable"
                                    + " events are written with every batch."
                            : "Triage is off for this run (add --triage to run it alongside).");
            out.println("Starting a scratch CivicLoop"
                    + (scratchUrl == null ? " (embedded PostgreSQL in " + scratch + ")" : " on " + scratchUrl) + "…");
            try (ConfigurableApplicationContext context = CivicLoop.start(p, WebApplicationType.NONE)) {
                var bench = new IngestBenchmark(
                        context.getBean(MessageManagement.class),
                        context.getBean(DataSource.class),
                        out,
                        batchSize,
                        threads);
                bench.report(count, scratchUrl == null ? "embedded" : "external");
            }
            return 0;
        } finally {
            if (scratchDatabase != null) {
                execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + scratchDatabase + " WITH (FORCE)");
            }
            deleteRecursively(scratch);
        }
    }

    private void report(int count, String kind) throws Exception {
        String server;
        String durability;
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            server = scalar(s, "SHOW server_version");
            durability =
                    "fsync " + scalar(s, "SHOW fsync") + ", synchronous_commit " + scalar(s, "SHOW synchronous_commit");
        }
        out.printf(
                "%nCivicLoop ingest benchmark: %,d messages, batches of %d, %d thread(s)%n"
                        + "Machine: %d cores, %s, Java %s; PostgreSQL %s (%s, %s)%n%n",
                count,
                batchSize,
                threads,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"),
                server,
                kind,
                durability);
        int warmup = Math.min(5000, Math.max(batchSize * threads, count / 5));
        out.printf("Warming up with %,d messages on each path…%n", warmup);
        var warm = synthetic("warmup", warmup, 1);
        ingest("warm-up", warm);
        awaitEvents();
        baseline("warm-up", warm);

        var messages = synthetic("run-" + UUID.randomUUID().toString().substring(0, 8), count, 42);
        // the two paths take turns on the same slices, so that a busy moment of the machine (or a
        // checkpoint of the server) does not fall on one of them only
        int rounds = Math.max(1, Math.min(4, count / Math.max(1, batchSize * threads)));
        var ingestRounds = new ArrayList<Result>();
        var baselineRounds = new ArrayList<Result>();
        double drain = 0;
        long outstanding = 0;
        for (int r = 0; r < rounds; r++) {
            var slice = messages.subList(r * count / rounds, (r + 1) * count / rounds);
            out.printf("Round %d of %d: %,d messages through each path%n", r + 1, rounds, slice.size());
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == (r % 2 == 0)) {
                    ingestRounds.add(ingest("ingest", slice));
                    long drainStart = System.nanoTime();
                    outstanding = awaitEvents();
                    drain += (System.nanoTime() - drainStart) / 1e9;
                } else {
                    baselineRounds.add(baseline("baseline", slice));
                }
            }
        }
        Result ingest = Result.combine("ingest", ingestRounds);
        Result baseline = Result.combine("baseline", baselineRounds);

        long stored = count("message") - warmup;
        out.printf("%n%-34s %12s %10s %10s%n", "", "messages/s", "p50 ms", "p99 ms");
        for (Result r : List.of(ingest, baseline)) {
            out.printf(
                    "%-34s %,12.0f %10.1f %10.1f%n",
                    r.name().equals("ingest") ? "ingest path (receiveAll)" : "bare JDBC batch insert",
                    r.perSecond(),
                    r.percentileMillis(50),
                    r.percentileMillis(99));
        }
        out.printf("%-34s %11.0f %%%n", "ingest / baseline", 100 * ingest.perSecond() / baseline.perSecond());
        out.printf(
                "Stored by the ingest path: %,d of %,d; durable MessageReceived listeners done %.1f s after the"
                        + " commits%s (%,.0f messages/s including them)%n",
                stored,
                count,
                drain,
                outstanding == 0 ? "" : ", " + outstanding + " still pending",
                count / (ingest.seconds() + drain));
        out.println("p99 time-to-stored: from handing a message to receiveAll until its batch is committed.");
    }

    /** Waits (up to two minutes) for the MessageReceived listeners; answers what is still pending. */
    private long awaitEvents() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long outstanding;
        while ((outstanding = outstandingEvents()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return outstanding;
    }

    private static String scalar(java.sql.Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The same server URL naming another database: jdbc:postgresql://host:port/db?params. */
    static String withDatabase(String url, String database) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db must be a jdbc:postgresql:// URL");
        }
        int hostStart = "jdbc:postgresql://".length();
        int query = url.indexOf('?', hostStart);
        String params = query < 0 ? "" : url.substring(query);
        String base = query < 0 ? url : url.substring(0, query);
        int slash = base.indexOf('/', hostStart);
        String hosts = slash < 0 ? base : base.substring(0, slash);
        return hosts + "/" + database + params;
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(url, user == null ? "" : user, password == null ? "" : password);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** N messages across channels, authors and languages; about one in ten answers an earlier one. */
    static List<InboundMessage> synthetic(String run, int count, long seed) {
        var random = new Random(seed);
        String[] issues = {
            "There is a pothole the size of a bathtub on",
            "The streetlight has been out for a week at",
            "Trash has not been picked up since Monday on",
            "Someone dumped a mattress and two tyres on",
            "The crosswalk signal is stuck on red at",
            "A fallen branch is blocking the bike lane on",
            "Water is gushing from a broken main on",
            "Graffiti covers the bus shelter at",
            "The playground swing is broken at the park near",
            "Loud construction every night after 11pm on",
            "Hay un bache enorme en",
            "La farola no funciona desde hace días en",
            "Nadie ha recogido la basura en",
        };
        String[] places = {
            "Elm Street and 5th",
            "Maple Avenue",
            "the Riverside trail",
            "Jefferson Blvd near the school",
            "Oak & Pine",
            "Calle Mayor 12",
            "the library parking lot",
            "Harbor Road",
            "Cedar Court",
            "Main St by the pharmacy",
            "Avenida del Río",
            "Lincoln Park"
        };
        String[] tails = {
            "",
            " Please send someone.",
            " It is dangerous for kids walking to school.",
            " Third time I report this.",
            " Photo attached in my earlier post.",
            " Thanks for your help!",
            " ¿Pueden arreglarlo pronto?",
            " A car already hit it this morning."
        };
        ChannelKind[] channels = {
            ChannelKind.MASTODON, ChannelKind.BLUESKY, ChannelKind.SMS, ChannelKind.EMAIL, ChannelKind.ACTIVITYPUB
        };
        var messages = new ArrayList<InboundMessage>(count);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            ChannelKind channel = channels[i % channels.length];
            int resident = random.nextInt(5000);
            int issue = random.nextInt(issues.length);
            String text = issues[issue] + " " + places[random.nextInt(places.length)] + "."
                    + tails[random.nextInt(tails.length)];
            String handle = switch (channel) {
                case SMS -> "+1555" + String.format("%07d", resident);
                case EMAIL -> "resident" + resident + "@mail.example";
                case BLUESKY -> "resident" + resident + ".bsky.social";
                default -> "@resident" + resident + "@town.example";
            };
            String externalId = run + "-" + channel.code() + "-" + i;
            var message = new InboundMessage(
                    channel,
                    externalId,
                    handle,
                    "Resident " + resident,
                    text,
                    issue >= 10 ? "es" : "en",
                    start.plusSeconds(i),
                    handle,
                    channel == ChannelKind.SMS ? null : "https://town.example/posts/" + externalId,
                    null,
                    null,
                    null,
                    List.of(),
                    "{\"id\":\"" + externalId + "\",\"from\":\"" + handle + "\",\"text\":\"" + text.replace("\"", "'")
                            + "\"}");
            // a reply to an earlier message of the same channel (the same channel: i - 5k)
            if (i >= 50 && random.nextInt(10) == 0) {
                int earlier = i - channels.length * (1 + random.nextInt(9));
                message = message.inThreadOf(List.of(run + "-" + channel.code() + "-" + earlier));
            }
            messages.add(message);
        }
        return messages;
    }

    /** The ingest path: {@code receiveAll} per batch, from {@code threads} connectors at once. */
    Result ingest(String name, List<InboundMessage> messages) throws Exception {
        return run(name, messages, (batch, connector, position) -> {
            ingest.receiveAll(batch, connector, position);
        });
    }

    /**
     * The baseline: the same rows into {@code bench_baseline} (created {@code LIKE message
     * INCLUDING ALL}: same columns, indexes and constraints) with plain prepared-statement batches,
     * one transaction per batch, nothing else.
     */
    Result baseline(String name, List<InboundMessage> messages) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_baseline (LIKE message INCLUDING ALL)");
        }
        return run(name, messages, (batch, connector, position) -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO bench_baseline (id, channel, external_id, public_reference, author_handle,
                            author_name, body, language, address, latitude, longitude, posted_at, received_at,
                            reply_to, url, raw, conversation_id, thread_refs)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                        """)) {
                    Timestamp now = Timestamp.from(Instant.now());
                    for (InboundMessage m : batch) {
                        UUID id = UUID.randomUUID();
                        s.setObject(1, id);
                        s.setString(2, m.channel().code());
                        s.setString(3, m.externalId());
                        s.setString(
                                4,
                                "B-"
                                        + Long.toString(
                                                java.util.concurrent.ThreadLocalRandom.current()
                                                                .nextLong()
                                                        & Long.MAX_VALUE,
                                                36));
                        s.setString(5, m.authorHandle());
                        s.setString(6, m.authorName());
                        s.setString(7, m.text());
                        s.setString(8, m.language());
                        s.setString(9, m.address());
                        s.setNull(10, Types.DOUBLE);
                        s.setNull(11, Types.DOUBLE);
                        s.setTimestamp(12, Timestamp.from(m.postedAt()));
                        s.setTimestamp(13, now);
                        s.setString(14, m.replyTo());
                        s.setString(15, m.url());
                        s.setString(16, m.rawPayload());
                        s.setObject(17, id);
                        if (m.threadRefs().isEmpty()) s.setNull(18, Types.ARRAY);
                        else
                            s.setArray(
                                    18, c.createArrayOf("text", m.threadRefs().toArray()));
                        s.addBatch();
                    }
                    s.executeBatch();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
        });
    }

    interface Sink {
        void store(List<InboundMessage> batch, String connector, String position) throws Exception;
    }

    private Result run(String name, List<InboundMessage> messages, Sink sink) throws Exception {
        int batches = (messages.size() + batchSize - 1) / batchSize;
        long[] latencies = new long[messages.size()];
        var next = new AtomicInteger();
        var done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                String connector = "bench:" + name + ":" + t;
                futures.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches) {
                        int from = b * batchSize;
                        int to = Math.min(messages.size(), from + batchSize);
                        var batch = messages.subList(from, to);
                        long handedOff = System.nanoTime();
                        sink.store(batch, connector, Integer.toString(to));
                        long stored = System.nanoTime() - handedOff;
                        Arrays.fill(latencies, from, to, stored);
                        done.addAndGet(to - from);
                    }
                    return null;
                }));
            }
            long lastReport = start;
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get(1, java.util.concurrent.TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        long now = System.nanoTime();
                        if (now - lastReport >= 2_000_000_000L) {
                            double elapsed = (now - start) / 1e9;
                            out.printf(
                                    "  %-9s %,9d / %,d  (%,.0f msg/s)%n",
                                    name, done.get(), messages.size(), done.get() / elapsed);
                            lastReport = now;
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, messages.size(), seconds, latencies);
    }

    /** Event publications not yet completed by their listeners. */
    long outstandingEvents() {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
