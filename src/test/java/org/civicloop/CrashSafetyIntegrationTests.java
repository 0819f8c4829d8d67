package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Crash safety of the whole ingest and reply path: CivicLoop runs as a separate operating-system
 * process ({@code civicloop serve}) following a Mastodon server on loopback that publishes 20,000
 * mentions of the city's account over about fifty seconds, through the streaming API (which the
 * server drops every few seconds, as servers do) and the REST catch-up ({@code min_id} paging)
 * after each reconnection, exactly as the real protocol does. The process is killed with
 * SIGKILL three times at random moments while it is taking messages in, restarted each time, and
 * at the end exactly the 20,000 messages are stored, each once, with the text and author the server
 * sent.
 *
 * <p>Before each kill, replies are committed to the outbox. The fake server answers each reply
 * slowly, so the kill lands while the dispatcher has posted some replies but not yet recorded them
 * as sent; after the restart they go out again with the same {@code Idempotency-Key}, which the
 * server honours as Mastodon does (a repeated key answers the status it already made). Every reply
 * must end up as exactly one status.
 *
 * <p>A second test does the same through the SMS webhook: the test is the provider, posting 5,000
 * signed Twilio webhooks and retrying each until it is answered with 2xx; every text is stored
 * once, also those stored just before a kill whose answer never reached the provider.
 *
 * <p>The database is a fresh one on the same PostgreSQL server the other tests use (not the
 * embedded server of the application), so the kill hits the application alone, never the
 * database. Process logs are kept in {@code target/crash-safety/}.
 */
class CrashSafetyIntegrationTests {

    static final int MESSAGES = 20_000;
    static final int KILLS = 3;
    static final int REPLIES_PER_KILL = 10;
    static final int PUBLISHED_PER_SECOND = 400;
    /** A stream session ends after a random 1 to 3 seconds or after this many events. */
    static final int STREAM_SESSION_EVENTS = 200;

    static final long NOTIFICATION_BASE = 1_000_000L;
    static final long STATUS_BASE = 5_000_000L;
    static final String TOKEN = "crash-token-" + UUID.randomUUID();
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path LOGS = Path.of("target", "crash-safety");

    final long seed = System.nanoTime();
    final Random random = new Random(seed);

    FakeMastodon mastodon;
    String database;
    String serverUrl;
    String dbUser;
    String dbPassword;
    Path dataDirectory;
    Process app;
    Thread reaper;
    int run;
    int port;
    String logPrefix = "civicloop";

    @BeforeEach
    void setUp() throws Exception {
        System.out.println("Crash safety test, random seed " + seed);
        Files.createDirectories(LOGS);
        String testUrl = System.getProperty("civicloop.database.url");
        assertThat(testUrl).as("the test database of this run").isNotBlank();
        serverUrl = testUrl.substring(0, testUrl.lastIndexOf('/') + 1);
        dbUser = System.getProperty("civicloop.database.username", "postgres");
        dbPassword = System.getProperty("civicloop.database.password", "");
        database = "civicloop_crash_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(serverUrl + "postgres", "CREATE DATABASE " + database);
        dataDirectory = Files.createTempDirectory("civicloop-crash-data");
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // kept across restarts: the provider calls one address
        }
        // never leave a CivicLoop running behind, even when this JVM is stopped early
        reaper = new Thread(this::killApp, "crash-test-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (app != null && app.isAlive()) {
                app.destroy(); // a last, clean stop
                if (!app.waitFor(20, TimeUnit.SECONDS)) killApp();
            }
        } finally {
            killApp();
            Runtime.getRuntime().removeShutdownHook(reaper);
            if (mastodon != null) mastodon.stop();
            if (database != null)
                execute(serverUrl + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            if (dataDirectory != null) {
                try (var files = Files.walk(dataDirectory)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void killedThreeTimesWhileTakingIn20000MentionsItStoresEachExactlyOnceAndSendsEveryCommittedReplyOnce()
            throws Exception {
        var replies = new LinkedHashMap<String, Reply>();
        List<Long> storedAtKill = new ArrayList<>();
        mastodon = new FakeMastodon(texts(), seed);
        logPrefix = "mastodon";

        startApp();
        // the first start: nothing published yet, so its catch-up finds nothing and its cursor is
        // set by the first mention it stores; from then on the server publishes steadily
        await(
                "the first stream connection",
                () -> mastodon.streamConnections.get() >= 1 && mastodon.notificationQueries.size() >= 1);
        mastodon.startPublishing(PUBLISHED_PER_SECOND);

        for (int kill = 1; kill <= KILLS; kill++) {
            long before = stored();
            await("ingestion after start " + run, () -> stored() > before + 50);
            Thread.sleep(1000 + random.nextInt(3000));

            // replies committed to the outbox, then killed while they are being dispatched
            int firstPostsBefore = mastodon.firstPosts.get();
            for (int i = 0; i < REPLIES_PER_KILL; i++) {
                Reply reply = enqueueReply(kill, i);
                replies.put(reply.key(), reply);
            }
            await("the dispatch of the replies", () -> mastodon.firstPosts.get() > firstPostsBefore);
            Thread.sleep(random.nextInt(1000));

            assertThat(app.toHandle().descendants().count())
                    .as("CivicLoop runs no child process that a kill would leave behind")
                    .isZero();
            app.destroyForcibly();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            long atKill = stored();
            storedAtKill.add(atKill);
            System.out.printf(
                    "Kill %d: %d of %d published, %d stored%n", kill, mastodon.published.get(), MESSAGES, atKill);
            assertThat(atKill).as("killed while taking messages in").isLessThan(MESSAGES);
            startApp();
        }

        await("all " + MESSAGES + " mentions published", () -> mastodon.published.get() == MESSAGES);
        await("all mentions stored", () -> stored() >= MESSAGES);
        await(
                "every reply sent",
                () -> count("SELECT count(*) FROM outbox_message WHERE status = 'sent'") == replies.size());

        // exactly the 20,000, each once, as the server sent them
        assertThat(count("SELECT count(*) FROM message WHERE channel = 'mastodon'"))
                .isEqualTo(MESSAGES);
        assertThat(count("SELECT count(DISTINCT external_id) FROM message WHERE channel = 'mastodon'"))
                .isEqualTo(MESSAGES);
        Map<String, String[]> storedMessages =
                query("SELECT external_id, author_handle, body FROM message WHERE channel = 'mastodon'", 3);
        for (int i = 1; i <= MESSAGES; i++) {
            String externalId = mastodon.instance() + "/" + (STATUS_BASE + i);
            String[] row = storedMessages.get(externalId);
            assertThat(row).as("message %d", i).isNotNull();
            assertThat(row[1]).as("author of %d", i).isEqualTo("@" + mastodon.acct(i));
            assertThat(row[2]).as("text of %d", i).isEqualTo("@cityhall " + unescape(mastodon.texts.get(i - 1)));
        }
        assertThat(storedMessages).hasSize(MESSAGES);
        assertThat(cursor()).isEqualTo(Long.toString(NOTIFICATION_BASE + MESSAGES));

        // every committed reply became exactly one status, threaded under what it answers
        assertThat(mastodon.statusesByKey.keySet()).containsExactlyInAnyOrderElementsOf(replies.keySet());
        assertThat(mastodon.statuses).hasSize(replies.size());
        for (Reply reply : replies.values()) {
            Map<String, String> status = mastodon.statusesByKey.get(reply.key());
            assertThat(status.get("in_reply_to_id")).as(reply.key()).isEqualTo(reply.inReplyTo());
            assertThat(status.get("status")).as(reply.key()).isEqualTo(reply.recipient() + " " + reply.body());
        }
        long resent =
                mastodon.postsByKey.values().stream().filter(n -> n.get() > 1).count();
        System.out.printf(
                "Stored at the kills: %s; %d replies, %d posted again after a kill (same key, no new status)%n",
                storedAtKill, replies.size(), resent);
        // the kills did interrupt deliveries: otherwise this test would not test exactly-once
        assertThat(resent).as("replies posted again after a kill").isPositive();
    }

    static final int TEXTS = 5_000;
    static final int TEXTS_PER_SECOND = 500;
    static final String SMS_AUTH_TOKEN = "crash-sms-token-" + UUID.randomUUID();

    /**
     * The webhook path: the test is the SMS provider, posting {@value #TEXTS} signed Twilio
     * webhooks from four connections and retrying each until it is answered with 2xx, as
     * providers do. Kills land while requests are in flight: some were stored but never answered,
     * and their retries must not store them twice.
     */
    @Test
    void killedThreeTimesWhileTextsArriveByWebhookItStoresEachExactlyOnce() throws Exception {
        logPrefix = "sms";
        String webhook = "http://127.0.0.1:" + port + "/channels/sms/twilio";
        var http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        var next = new AtomicInteger();
        var delivered = new AtomicInteger();
        var retried = new AtomicInteger();
        var refused = new CopyOnWriteArrayList<String>();
        long start = System.nanoTime();
        Runnable provider = () -> {
            int i;
            while ((i = next.incrementAndGet()) <= TEXTS) {
                // a steady pace, like a provider forwarding what residents send
                long due = start + (long) i * 1_000_000_000L / TEXTS_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                var form = new java.util.TreeMap<String, String>();
                form.put("AccountSid", "AC00000000000000000000000000000001");
                form.put("MessageSid", smsSid(i));
                form.put("From", smsFrom(i));
                form.put("To", "+15550100000");
                form.put("Body", smsText(i));
                form.put("NumMedia", "0");
                String body = form.entrySet().stream()
                        .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(java.util.stream.Collectors.joining("&"));
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(webhook))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", twilioSignature(webhook, form))
                        .timeout(Duration.ofSeconds(10))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build();
                for (int attempt = 1; ; attempt++) {
                    if (attempt == 2) retried.incrementAndGet();
                    try {
                        int status = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status >= 200 && status < 300) break;
                        if (status >= 400 && status < 500) {
                            refused.add(smsSid(i) + " answered " + status);
                            break;
                        }
                    } catch (IOException e) {
                        // not running (killed, restarting) or the answer was lost: send it again
                    } catch (InterruptedException e) {
                        return;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                }
                delivered.incrementAndGet();
            }
        };
        var senders = new ArrayList<Thread>();
        List<Long> storedAtKill = new ArrayList<>();
        try {
            startSmsApp();
            for (int t = 0; t < 4; t++) {
                Thread sender = new Thread(provider, "sms-provider-" + t);
                sender.setDaemon(true);
                senders.add(sender);
                sender.start();
            }
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = smsStored();
                await("texts stored after start " + run, () -> smsStored() > before + 100);
                Thread.sleep(200 + random.nextInt(1000));
                app.destroyForcibly();
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(app.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
                long atKill = smsStored();
                storedAtKill.add(atKill);
                System.out.printf("Kill %d: %d of %d texts stored%n", kill, atKill, TEXTS);
                assertThat(atKill).as("killed while texts were arriving").isLessThan(TEXTS);
                startSmsApp();
            }
            for (Thread sender : senders) sender.join(START_TIMEOUT.toMillis());
        } finally {
            senders.forEach(Thread::interrupt);
        }
        assertThat(refused).as("webhooks refused").isEmpty();
        assertThat(delivered.get()).isEqualTo(TEXTS);

        assertThat(smsStored()).isEqualTo(TEXTS);
        assertThat(count("SELECT count(DISTINCT external_id) FROM message WHERE channel = 'sms'"))
                .isEqualTo(TEXTS);
        Map<String, String[]> stored =
                query("SELECT external_id, author_handle, body FROM message WHERE channel = 'sms'", 3);
        for (int i = 1; i <= TEXTS; i++) {
            String[] row = stored.get(smsSid(i));
            assertThat(row).as("text %d", i).isNotNull();
            assertThat(row[1]).as("sender of %d", i).isEqualTo(smsFrom(i));
            assertThat(row[2]).as("text of %d", i).isEqualTo(smsText(i));
        }
        System.out.printf("Stored at the kills: %s; %d webhooks sent again%n", storedAtKill, retried.get());
        assertThat(retried.get())
                .as("webhooks the kills made the provider send again")
                .isPositive();
    }

    void startSmsApp() throws Exception {
        var health = java.net.http.HttpClient.newHttpClient();
        var ready = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        startApp(
                List.of(
                        "-Dcivicloop.channels.sms.enabled=true",
                        "-Dcivicloop.channels.sms.account-sid=AC00000000000000000000000000000001",
                        "-Dcivicloop.channels.sms.auth-token=" + SMS_AUTH_TOKEN,
                        "-Dcivicloop.channels.sms.from=+15550100000",
                        "-Dcivicloop.channels.sms.api-base-url=http://127.0.0.1:9",
                        "-Dcivicloop.channels.sms.public-url=http://127.0.0.1:" + port),
                "answering",
                () -> {
                    try {
                        return health.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    long smsStored() {
        try {
            return count("SELECT count(*) FROM message WHERE channel = 'sms'");
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    static String smsSid(int i) {
        return String.format("SM%032x", i);
    }

    static String smsFrom(int i) {
        return String.format("+1555%07d", 1000 + i % 3000);
    }

    static String smsText(int i) {
        String[] what = {
            "Pothole on", "Streetlight out at", "Trash not picked up on", "Hay un bache en", "Water leak at"
        };
        String[] where = {"Elm St", "5th & Main", "Calle Ñandú 3", "the library lot"};
        return what[i % what.length] + " " + where[(i / what.length) % where.length] + " (text " + i + ")";
    }

    /** Twilio's scheme: Base64 of HMAC-SHA1 (auth token) over the URL and the sorted parameters. */
    static String twilioSignature(String url, java.util.SortedMap<String, String> params) {
        var data = new StringBuilder(url);
        params.forEach((k, v) -> data.append(k).append(v));
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(SMS_AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the application process -------------------------------------------------------------

    /** CivicLoop following the fake Mastodon server, ready once it has opened the stream. */
    void startApp() throws Exception {
        int connections = mastodon.streamConnections.get();
        startApp(
                List.of(
                        "-Dcivicloop.channels.mastodon.enabled=true",
                        "-Dcivicloop.channels.mastodon.base-url=" + mastodon.baseUrl(),
                        "-Dcivicloop.channels.mastodon.access-token=" + TOKEN,
                        "-Dcivicloop.channels.mastodon.account=cityhall",
                        "-Dcivicloop.channels.mastodon.streams=user",
                        "-Dcivicloop.channels.mastodon.reconnect-min=200ms",
                        "-Dcivicloop.channels.mastodon.reconnect-max=1s",
                        "-Dcivicloop.replies.dispatch-interval=500ms"),
                "following the stream",
                () -> mastodon.streamConnections.get() > connections);
    }

    void startApp(List<String> properties, String readyWhen, Condition ready) throws Exception {
        run++;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command =
                new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(properties);
        command.addAll(List.of(
                "-Dlogging.level.org.civicloop=INFO",
                "-cp",
                System.getProperty("java.class.path"),
                CivicLoop.class.getName(),
                "serve",
                "--data",
                dataDirectory.toString(),
                "--port",
                Integer.toString(port),
                "--db",
                serverUrl + database,
                "--db-user",
                dbUser,
                "--db-password-env",
                "CRASH_TEST_DB_PASSWORD"));
        Path log = LOGS.resolve(logPrefix + "-run-" + run + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CRASH_TEST_DB_PASSWORD", dbPassword);
        builder.environment().remove("CIVICLOOP_DATABASE_URL");
        app = builder.start();
        System.out.println("Started CivicLoop run " + run + " (pid " + app.pid() + "), log " + log);
        await("CivicLoop run " + run + " " + readyWhen, () -> {
            if (!app.isAlive()) throw new AssertionError("CivicLoop exited; see " + log.toAbsolutePath());
            return ready.met();
        });
    }

    void killApp() {
        Process p = app;
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the database, seen from outside ------------------------------------------------------

    /**
     * Commits a reply to the outbox as {@code Outbox.enqueue} does (same columns, same idempotency
     * key constraint): an answer to a mention already stored, to its author.
     */
    Reply enqueueReply(int kill, int i) throws SQLException {
        String[] target = query(
                        "SELECT external_id, author_handle, body FROM message WHERE channel = 'mastodon' "
                                + "ORDER BY posted_at DESC LIMIT 1 OFFSET " + (kill * 100 + i),
                        3)
                .values()
                .iterator()
                .next();
        String statusId = target[0].substring(target[0].indexOf('/') + 1);
        var reply = new Reply(
                "crash-reply-" + kill + "-" + i + "-" + UUID.randomUUID(),
                target[1],
                "Thank you, we have logged your report (" + kill + "." + i + ").",
                statusId);
        try (Connection c = connect();
                var s = c.prepareStatement("""
                        INSERT INTO outbox_message (id, idempotency_key, channel, recipient, subject, body, in_reply_to,
                            created_at, next_attempt_at)
                        VALUES (?, ?, 'mastodon', ?, '', ?, ?, now(), now())
                        """)) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, reply.key());
            s.setString(3, reply.recipient());
            s.setString(4, reply.body());
            s.setString(5, target[0]);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        return reply;
    }

    record Reply(String key, String recipient, String body, String inReplyTo) {}

    long stored() {
        try {
            return count("SELECT count(*) FROM message WHERE channel = 'mastodon'");
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    String cursor() throws SQLException {
        try (Connection c = connect();
                var s = c.prepareStatement("SELECT position FROM connector_cursor WHERE connector = ?")) {
            s.setString(1, "mastodon:" + mastodon.instance());
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows keyed by their first column. */
    Map<String, String[]> query(String sql, int columns) throws SQLException {
        var rows = new HashMap<String, String[]>();
        try (Connection c = connect();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) row[i] = rs.getString(i + 1);
                rows.put(row[0], row);
            }
        }
        return rows;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl + database, dbUser, dbPassword);
    }

    void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    /** What residents write: varied, with markup-significant and non-ASCII characters. */
    static List<String> texts() {
        String[] what = {
            "Pothole on", "Streetlight out at", "Overflowing bin near", "Graffiti on the wall at",
            "Broken bench &amp; glass at", "Flooded crossing at", "Fallen tree blocking", "Noise all night at",
            "Missing stop sign on", "Café terrace blocking the sidewalk on"
        };
        String[] where = {
            "Elm St",
            "5th &amp; Main",
            "Riverside Park",
            "Calle Ñandú",
            "Oak Avenue",
            "the old mill bridge",
            "Jefferson Blvd",
            "Maple &lt;corner&gt; lot"
        };
        var texts = new ArrayList<String>(MESSAGES);
        for (int i = 1; i <= MESSAGES; i++) {
            texts.add(what[i % what.length] + " " + where[(i / what.length) % where.length] + ", report #" + i
                    + (i % 7 == 0 ? " 🚧 please hurry" : ""));
        }
        return texts;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    // --- the Mastodon server on loopback --------------------------------------------------------

    /**
     * The part of the Mastodon client API the connector and the reply sender use: mention
     * notifications ({@code GET /api/v1/notifications}, newest first, {@code min_id} for the page
     * right after an id), the user stream ({@code GET /api/v1/streaming/user}, server-sent {@code
     * notification} events for what is published while connected, {@code :thump} heartbeats), and
     * {@code POST /api/v1/statuses} honouring {@code Idempotency-Key}.
     */
    static final class FakeMastodon {
        final List<String> texts;
        final List<String> notifications = new ArrayList<>();
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger streamConnections = new AtomicInteger();
        final List<String> notificationQueries = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> postsByKey = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> statusesByKey = new ConcurrentHashMap<>();
        final List<Map<String, String>> statuses = new CopyOnWriteArrayList<>();
        final AtomicInteger firstPosts = new AtomicInteger();
        final HttpServer server;
        final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-mastodon");
            t.setDaemon(true);
            return t;
        });
        final Random random;
        volatile boolean stopped;
        Thread publisher;

        FakeMastodon(List<String> texts, long seed) throws IOException {
            this.texts = texts;
            this.random = new Random(seed + 1);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(executor);
            server.createContext("/api/v1/notifications", this::notifications);
            server.createContext("/api/v1/streaming/user", this::stream);
            server.createContext("/api/v1/statuses", this::post);
            server.start();
            Instant start = Instant.parse("2026-11-20T08:00:00Z");
            for (int i = 1; i <= texts.size(); i++) notifications.add(notification(i, start.plusSeconds(i)));
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String instance() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        String acct(int i) {
            return "resident" + (i % 997) + "@town" + (i % 5) + ".example";
        }

        String notification(int i, Instant at) {
            String acct = acct(i);
            String username = acct.substring(0, acct.indexOf('@'));
            String domain = acct.substring(acct.indexOf('@') + 1);
            ObjectNode account = JSON.createObjectNode()
                    .put("id", Integer.toString(100 + i % 997))
                    .put("username", username)
                    .put("acct", acct)
                    .put("display_name", "Resident " + (i % 997))
                    .put("url", "https://" + domain + "/@" + username);
            ObjectNode status = JSON.createObjectNode()
                    .put("id", Long.toString(STATUS_BASE + i))
                    .put("created_at", at.toString())
                    .putNull("in_reply_to_id")
                    .put("visibility", "public")
                    .put("language", "en")
                    .put("uri", "https://" + domain + "/users/" + username + "/statuses/" + (STATUS_BASE + i))
                    .put("url", "https://" + domain + "/@" + username + "/" + (STATUS_BASE + i))
                    .put("spoiler_text", "")
                    .put(
                            "content",
                            "<p><span class=\"h-card\"><a href=\"" + baseUrl()
                                    + "/@cityhall\" class=\"u-url mention\">@<span>cityhall</span></a></span> "
                                    + texts.get(i - 1) + "</p>")
                    .putNull("reblog");
            status.set("account", account);
            status.putArray("mentions")
                    .addObject()
                    .put("id", "1")
                    .put("username", "cityhall")
                    .put("acct", "cityhall")
                    .put("url", baseUrl() + "/@cityhall");
            status.putArray("tags");
            status.putArray("media_attachments");
            ObjectNode notification = JSON.createObjectNode()
                    .put("id", Long.toString(NOTIFICATION_BASE + i))
                    .put("type", "mention")
                    .put("created_at", at.toString());
            notification.set("account", account);
            notification.set("status", status);
            return notification.toString();
        }

        void startPublishing(int perSecond) {
            publisher = new Thread(
                    () -> {
                        long start = System.nanoTime();
                        while (!stopped && published.get() < texts.size()) {
                            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
                            while (published.get() < Math.min(due, texts.size())) published.incrementAndGet();
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "fake-mastodon-publisher");
            publisher.setDaemon(true);
            publisher.start();
        }

        void stop() {
            stopped = true;
            if (publisher != null) publisher.interrupt();
            server.stop(0);
            executor.shutdownNow();
        }

        boolean authorised(HttpExchange exchange) throws IOException {
            if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) return true;
            send(exchange, 401, "{\"error\":\"The access token is invalid\"}");
            return false;
        }

        void notifications(HttpExchange exchange) throws IOException {
            if (!authorised(exchange)) return;
            String query = exchange.getRequestURI().getRawQuery();
            notificationQueries.add(query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8));
            Map<String, String> params = form(query);
            int limit = Math.min(40, Integer.parseInt(params.getOrDefault("limit", "20")));
            int newest = published.get();
            int from; // exclusive
            int to; // inclusive
            if (params.containsKey("min_id")) {
                from = (int) Math.max(0, Long.parseLong(params.get("min_id")) - NOTIFICATION_BASE);
                to = Math.min(newest, from + limit);
            } else {
                to = newest;
                from = Math.max(0, newest - limit);
            }
            var page = new StringBuilder("[");
            for (int i = to; i > from; i--) { // newest first, as Mastodon answers
                if (page.length() > 1) page.append(',');
                page.append(notifications.get(i - 1));
            }
            send(exchange, 200, page.append(']').toString());
        }

        void stream(HttpExchange exchange) throws IOException {
            if (!authorised(exchange)) return;
            int next = published.get(); // a stream carries what happens while it is open
            long session; // servers drop streams (restarts, load balancers): the client catches up
            synchronized (random) {
                session = 1_000_000_000L + random.nextInt(2_000_000_000);
            }
            long end = System.nanoTime() + session;
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            streamConnections.incrementAndGet();
            long lastWrite = System.nanoTime();
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(":)\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                int sent = 0;
                while (!stopped && System.nanoTime() < end && sent < STREAM_SESSION_EVENTS) {
                    int upTo = Math.min(published.get(), next + STREAM_SESSION_EVENTS - sent);
                    if (next < upTo) {
                        while (next < upTo) {
                            out.write(("event: notification\ndata: " + notifications.get(next) + "\n\n")
                                    .getBytes(StandardCharsets.UTF_8));
                            next++;
                            sent++;
                        }
                        out.flush();
                        lastWrite = System.nanoTime();
                    } else if (System.nanoTime() - lastWrite > 1_000_000_000L) {
                        out.write(":thump\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        lastWrite = System.nanoTime();
                    } else {
                        Thread.sleep(5);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away (killed): the stream ends
            }
        }

        void post(HttpExchange exchange) throws IOException {
            if (!authorised(exchange)) return;
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (key == null || form.get("status") == null) {
                send(exchange, 422, "{\"error\":\"Validation failed\"}");
                return;
            }
            if (postsByKey.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() == 0) {
                firstPosts.incrementAndGet();
            }
            try {
                Thread.sleep(250); // a slow server: the kill lands while replies are on their way
            } catch (InterruptedException e) {
                return;
            }
            Map<String, String> status;
            synchronized (this) {
                status = statusesByKey.get(key);
                if (status == null) { // Mastodon: a repeated Idempotency-Key answers the same status
                    status = new HashMap<>(form);
                    status.put("id", Long.toString(9_000_000L + statuses.size()));
                    statuses.add(status);
                    statusesByKey.put(key, status);
                }
            }
            send(
                    exchange,
                    200,
                    JSON.createObjectNode().put("id", status.get("id")).toString());
        }

        static Map<String, String> form(String encoded) {
            var params = new HashMap<String, String>();
            if (encoded == null || encoded.isEmpty()) return params;
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
            return params;
        }

        static void send(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
