package org.civicloop.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.civicloop.identity.AuditTrail;
import org.civicloop.platform.SecretBox;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The channel administration page against loopback servers: a Mastodon server streaming
 * heartbeats (and answering the credentials check and replies), a Twilio-compatible API, a
 * Bluesky PDS that refuses the app password, and a Jetstream address where nothing listens.
 */
@SpringBootTest(
        properties = {
            "civicloop.replies.dispatch-interval=200ms",
            // as an installation that shows health details to administrators would configure it
            "management.endpoint.health.show-details=when-authorized",
            "management.endpoint.health.roles=ADMIN"
        })
@AutoConfigureMockMvc
@DirtiesContext // stops the connectors with the loopback server instead of leaving them reconnecting
class ChannelAdministrationIntegrationTests {

    static final String TOKEN = "mastodon-token-" + UUID.randomUUID();
    static final String SID = "AC0123456789abcdef";
    static final String AUTH = "twilio-auth-" + UUID.randomUUID();
    static final String KEY = SecretBox.generateKey();
    static final String KEYWORD = "<b>pothole</b>";

    static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    static HttpServer server;
    static Path channelsFile;
    static int closedPort;
    static final AtomicInteger streamConnections = new AtomicInteger();
    static final AtomicInteger openStreams = new AtomicInteger();
    static final AtomicInteger notificationQueries = new AtomicInteger();
    static final List<String> statuses = new CopyOnWriteArrayList<>();
    static final List<String> texts = new CopyOnWriteArrayList<>();
    static volatile boolean stopped;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) throws IOException {
        startServer();
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        channelsFile = Files.createTempFile("channels", ".yml");
        Files.writeString(channelsFile, "# no settings yet\n");
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        registry.add("civicloop.channels.file", channelsFile::toString);
        registry.add("CIVICLOOP_SECRET_KEY", () -> KEY);
        registry.add("civicloop.channels.mastodon.enabled", () -> "true");
        registry.add("civicloop.channels.mastodon.base-url", () -> base);
        registry.add("civicloop.channels.mastodon.access-token", () -> TOKEN);
        registry.add("civicloop.channels.mastodon.account", () -> "cityhall");
        registry.add("civicloop.channels.mastodon.reconnect-min", () -> "100ms");
        registry.add("civicloop.channels.mastodon.reconnect-max", () -> "300ms");
        registry.add("civicloop.channels.sms.enabled", () -> "true");
        registry.add("civicloop.channels.sms.account-sid", () -> SID);
        registry.add("civicloop.channels.sms.auth-token", () -> AUTH);
        registry.add("civicloop.channels.sms.from", () -> "+15550001111");
        registry.add("civicloop.channels.sms.api-base-url", () -> base);
        registry.add("civicloop.channels.bluesky.enabled", () -> "true");
        registry.add("civicloop.channels.bluesky.jetstream-url", () -> "ws://127.0.0.1:" + closedPort + "/subscribe");
        registry.add("civicloop.channels.bluesky.keywords", () -> KEYWORD);
        registry.add("civicloop.channels.bluesky.reconnect-backoff", () -> "100ms");
        registry.add("civicloop.channels.bluesky.max-reconnect-backoff", () -> "300ms");
        registry.add("civicloop.channels.bluesky.pds-url", () -> base);
        registry.add("civicloop.channels.bluesky.identifier", () -> "city.example");
        registry.add("civicloop.channels.bluesky.app-password", () -> "wrong-app-password");
    }

    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/streaming/user", exchange -> {
            if (!bearer(exchange)) {
                answer(exchange, 401, "{\"error\":\"The access token is invalid\"}");
                return;
            }
            streamConnections.incrementAndGet();
            openStreams.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (!stopped) {
                    out.write(":thump\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client closed the stream
            } finally {
                openStreams.decrementAndGet();
            }
        });
        server.createContext("/api/v1/notifications", exchange -> {
            notificationQueries.incrementAndGet();
            answer(exchange, bearer(exchange) ? 200 : 401, "[]");
        });
        server.createContext(
                "/api/v1/accounts/verify_credentials",
                exchange -> answer(
                        exchange,
                        bearer(exchange) ? 200 : 401,
                        "{\"id\":\"1\",\"acct\":\"cityhall\",\"username\":\"cityhall\"}"));
        server.createContext("/api/v1/statuses", exchange -> {
            statuses.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, "{\"id\":\"99\"}");
        });
        server.createContext("/2010-04-01/Accounts/", exchange -> {
            String basic =
                    "Basic " + Base64.getEncoder().encodeToString((SID + ":" + AUTH).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\"}");
            } else if (exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                texts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer(
                        exchange,
                        201,
                        "{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\"}");
            } else {
                answer(exchange, 200, "{\"sid\":\"" + SID + "\",\"status\":\"active\"}");
            }
        });
        server.createContext(
                "/xrpc/com.atproto.server.createSession",
                exchange -> answer(
                        exchange,
                        401,
                        "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}"));
        server.start();
    }

    static boolean bearer(HttpExchange exchange) {
        return ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        stopped = true;
        if (server != null) server.stop(0);
        if (channelsFile != null) Files.deleteIfExists(channelsFile);
    }

    String mastodonId() {
        return "mastodon:127.0.0.1:" + server.getAddress().getPort();
    }

    String page() throws Exception {
        return mvc.perform(get("/console/admin/channels").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    String state(String html, String connector) {
        var row = Jsoup.parse(html).selectFirst("tr[data-connector='" + connector + "']");
        assertThat(row).as(connector).isNotNull();
        return row.selectFirst(".channel-state").text();
    }

    void enqueue(String key, String channel, String recipient, String body, Instant now) {
        jdbc.sql("""
                INSERT INTO outbox_message (id, idempotency_key, channel, recipient, subject, body, created_at, next_attempt_at)
                VALUES (:id, :key, :channel, :recipient, '', :body, :now, :now)
                """)
                .param("id", UUID.randomUUID())
                .param("key", key)
                .param("channel", channel)
                .param("recipient", recipient)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .update();
    }

    String outboxStatus(String key) {
        return jdbc.sql("SELECT status || '/' || attempts FROM outbox_message WHERE idempotency_key = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    @Test
    void thePageListsEveryEnabledConnectorWithItsHealthAndEscapesWhatItShows() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String html = page();
            assertThat(state(html, mastodonId())).isIn("Running", "Paused");
            assertThat(state(html, "bluesky")).isEqualTo("Failing");
            assertThat(state(html, "sms")).isEqualTo("Running");
        });
        String html = page();
        var document = Jsoup.parse(html);
        assertThat(document.select("tr.channel-row")).hasSize(3);
        var bluesky = document.selectFirst("tr[data-connector=bluesky]");
        assertThat(bluesky.selectFirst(".channel-errors").text()).isNotEqualTo("0");
        assertThat(bluesky.selectFirst(".channel-error-text").text()).isNotBlank();
        // configured text is shown as text, never as markup
        assertThat(html).doesNotContain(KEYWORD).contains("&lt;b&gt;pothole&lt;/b&gt;");
        assertThat(document.select("b")).noneMatch(b -> b.text().equals("pothole"));
        // the table refreshes itself, and the admin navigation leads here
        assertThat(document.selectFirst("#channel-rows").attr("hx-trigger")).isEqualTo("every 10s");
        assertThat(document.select("a[href=/console/admin/channels]")).isNotEmpty();
        // every button is a form carrying the CSRF token, posted by htmx into its own row
        var pause = document.selectFirst("tr[data-connector=sms] form[action=/console/admin/channels/pause]");
        assertThat(pause.attr("hx-post")).isEqualTo("/console/admin/channels/pause");
        assertThat(pause.attr("hx-target")).isEqualTo("closest tr");
        assertThat(pause.select("input[name=_csrf]").attr("value")).isNotBlank();
        assertThat(document.select("#settings-mastodon form input[name=_csrf]")).hasSize(1);
        // no secret reaches the page
        assertThat(html).doesNotContain(TOKEN).doesNotContain(AUTH).doesNotContain("wrong-app-password");
    }

    @Test
    void pausingStopsReadingAndHoldsRepliesThatGoOutOnResume() throws Exception {
        String id = mastodonId();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> openStreams.get() == 1);

        String row = mvc.perform(post("/console/admin/channels/pause")
                        .param("id", id)
                        .header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse("<table>" + row + "</table>")
                        .selectFirst(".channel-state")
                        .text())
                .isEqualTo("Paused");
        assertThat(row).contains("/console/admin/channels/resume");
        // the stream is closed and the pause is remembered for the next start
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> openStreams.get() == 0);
        int connectionsWhenPaused = streamConnections.get();
        assertThat(jdbc.sql("SELECT paused_by FROM channel_pause WHERE connector_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("admin");

        // a reply on Mastodon waits; a text queued after it goes out in the same round
        String run = UUID.randomUUID().toString();
        // the reply is due first: a round that sends the text would have taken the reply before it
        Instant now = Instant.now();
        enqueue("mastodon-" + run, "mastodon", "@ana@city.social", "Your pothole is fixed", now.minusSeconds(1));
        enqueue("sms-" + run, "sms", "+15551234567", "Your streetlight is fixed", now);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> outboxStatus("sms-" + run).startsWith("sent"));
        assertThat(outboxStatus("mastodon-" + run)).isEqualTo("pending/0");
        assertThat(statuses).noneMatch(s -> s.contains("pothole"));
        assertThat(streamConnections.get()).isEqualTo(connectionsWhenPaused);
        assertThat(openStreams.get()).isZero();

        int catchUpsBefore = notificationQueries.get();
        mvc.perform(post("/console/admin/channels/resume")
                        .param("id", id)
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outboxStatus("mastodon-" + run)).isEqualTo("sent/1");
            assertThat(streamConnections.get()).isGreaterThan(connectionsWhenPaused);
            assertThat(notificationQueries.get()).isGreaterThan(catchUpsBefore);
        });
        assertThat(statuses).anyMatch(s -> s.contains("pothole"));
        assertThat(jdbc.sql("SELECT count(*) FROM channel_pause WHERE connector_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(audit.forSubject("channel", id))
                .extracting(AuditTrail.AuditRecord::action)
                .containsSubsequence("channel.paused", "channel.resumed");
    }

    @Test
    void theTestButtonReportsWhatTheRemoteSideSaid() throws Exception {
        String mastodon = test(mastodonId());
        assertThat(mastodon).contains("Test passed").contains("Signed in as @cityhall");
        String sms = test("sms");
        assertThat(sms).contains("Test passed");
        String bluesky = test("bluesky");
        assertThat(bluesky).contains("Test failed").contains("createSession answered HTTP 401");
        // a test never sends anything to a resident
        assertThat(texts).noneMatch(t -> t.contains("Body=") && !t.contains("streetlight"));
        assertThat(audit.forSubject("channel", "bluesky"))
                .anyMatch(
                        r -> r.action().equals("channel.tested") && r.details().contains("false"));
        mvc.perform(post("/console/admin/channels/test")
                        .param("id", "telegraph")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    String test(String id) throws Exception {
        String row = mvc.perform(post("/console/admin/channels/test")
                        .param("id", id)
                        .header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Jsoup.parse("<table>" + row + "</table>")
                .selectFirst(".channel-test")
                .text();
    }

    @Test
    void onlyAdministratorsMayLookOrAct() throws Exception {
        for (String role : List.of("AGENT", "VIEWER", "DEPARTMENT_STAFF", "APPROVER")) {
            mvc.perform(get("/console/admin/channels").with(user("u").roles(role)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/console/admin/channels/pause")
                            .param("id", "sms")
                            .with(user("u").roles(role))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/admin/channels/pause")
                        .param("id", "sms")
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isForbidden()); // no CSRF token
        assertThat(jdbc.sql("SELECT count(*) FROM channel_pause WHERE connector_id = 'sms'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void settingsAreSavedWithTheSecretEncryptedAndNeverShownOrAudited() throws Exception {
        String secret = "new-token-" + UUID.randomUUID();
        mvc.perform(post("/console/admin/channels/settings/mastodon")
                        .param("f.enabled", "true")
                        .param("f.base-url", "https://social.riverton.example")
                        .param("f.access-token", secret)
                        .param("f.account", "cityhall")
                        .param("f.hashtags", "potholes, riverton")
                        .param("f.visibility", "unlisted")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        String yaml = Files.readString(channelsFile);
        assertThat(yaml).doesNotContain(secret).contains("https://social.riverton.example");
        String sealed = yaml.lines()
                .filter(l -> l.strip().startsWith("access-token:"))
                .map(l ->
                        l.substring(l.indexOf(':') + 1).strip().replace("'", "").replace("\"", ""))
                .findFirst()
                .orElseThrow();
        assertThat(SecretBox.of(KEY).decrypt(sealed)).isEqualTo(secret);

        String html = page();
        assertThat(html).doesNotContain(secret).doesNotContain(sealed.substring(8, 30));
        var token = Jsoup.parse(html).selectFirst("#mastodon-access-token");
        assertThat(token.attr("type")).isEqualTo("password");
        assertThat(token.attr("value")).isEmpty();
        assertThat(Jsoup.parse(html)
                        .selectFirst("#settings-mastodon .secret-state")
                        .text())
                .isEqualTo("set");
        assertThat(Jsoup.parse(html).selectFirst("#mastodon-base-url").attr("value"))
                .isEqualTo("https://social.riverton.example");

        var records = audit.forSubject("channel-settings", "mastodon");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).actor()).isEqualTo("admin");
        assertThat(records.get(0).details()).contains("access-token").doesNotContain(secret);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE details::text LIKE :s")
                        .param("s", "%" + secret + "%")
                        .query(Long.class)
                        .single())
                .isZero();

        // a bad value is refused with the field named, and the file stays as it was
        String refused = mvc.perform(post("/console/admin/channels/settings/mastodon")
                        .param("f.enabled", "true")
                        .param("f.base-url", "javascript:alert(1)")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(refused)
                        .selectFirst("#settings-mastodon [role=alert]")
                        .text())
                .contains("base-url");
        assertThat(Files.readString(channelsFile)).isEqualTo(yaml);
    }

    @Test
    void healthAndMetricsAreOnTheActuator() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String health = mvc.perform(
                            get("/actuator/health").with(user("admin").roles("ADMIN")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var channels = JSON.readTree(health).path("components").path("channels");
            assertThat(channels.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(channels.path("details").path("bluesky").path("state").asString())
                    .isEqualTo("FAILING");
            assertThat(channels.path("details").path("sms").path("state").asString())
                    .isEqualTo("RUNNING");
        });
        // a failing channel does not take the application down (no 503), and anonymous callers get
        // no details
        String anonymous = mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(JSON.readTree(anonymous).path("status").asString()).isEqualTo("UP");
        assertThat(anonymous).doesNotContain("bluesky").doesNotContain("channels");
        String metrics = mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(metrics)
                .contains("civicloop_channel_lag_seconds{connector=\"bluesky\",kind=\"bluesky\"}")
                .contains("civicloop_channel_paused{connector=\"sms\",kind=\"sms\"}")
                .contains("civicloop_channel_errors_total{connector=\"bluesky\",kind=\"bluesky\"}")
                .contains("civicloop_channel_messages_total{connector=\"" + mastodonId() + "\"");
    }
}
