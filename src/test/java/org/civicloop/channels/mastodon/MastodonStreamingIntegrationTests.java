package org.civicloop.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.replies.ReplySender;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connector against a loopback Mastodon server that replays the real stream {@code
 * streaming_events.sse}, drops the connection, and answers the REST catch-up and the replies.
 */
@SpringBootTest
@DirtiesContext // stops the connector with the loopback server instead of leaving it reconnecting
class MastodonStreamingIntegrationTests {

    static final String TOKEN = "token-" + UUID.randomUUID();
    static final Set<String> TAGS = Set.of("test", "piano");
    static final String ACCOUNT = "cityhall";
    static final String MISSED_NOTIFICATION = "68739300";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static HttpServer server;
    static final AtomicInteger streamConnections = new AtomicInteger();
    static final List<String> notificationQueries = new CopyOnWriteArrayList<>();
    static final List<Map<String, String>> posts = new CopyOnWriteArrayList<>();
    static final List<String> tagQueries = new CopyOnWriteArrayList<>();
    static final AtomicInteger testTagConnections = new AtomicInteger();
    static volatile String lastSeenNotification;
    static volatile boolean stopped;

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<ReplySender> senders;

    /** Skipped (or, in CI, failed) before the fake server starts when the payloads are missing. */
    @org.junit.jupiter.api.BeforeAll
    static void needsThePayloads() {
        MastodonData.folder();
    }

    @DynamicPropertySource
    static void mastodon(DynamicPropertyRegistry registry) throws IOException {
        startServer();
        registry.add("civicloop.channels.mastodon.enabled", () -> "true");
        registry.add("civicloop.channels.mastodon.base-url", MastodonStreamingIntegrationTests::baseUrl);
        registry.add("civicloop.channels.mastodon.access-token", () -> TOKEN);
        registry.add("civicloop.channels.mastodon.account", () -> ACCOUNT);
        registry.add("civicloop.channels.mastodon.hashtags", () -> String.join(",", TAGS));
        registry.add("civicloop.channels.mastodon.streams", () -> "user,hashtag");
        registry.add("civicloop.channels.mastodon.reconnect-min", () -> "100ms");
        registry.add("civicloop.channels.mastodon.reconnect-max", () -> "500ms");
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String instance() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        stopped = true;
        if (server != null) server.stop(0);
    }

    @Test
    void theRealStreamIsTakenInEditedAndRetractedThenCaughtUpAfterTheServerDropsIt() throws IOException {
        Map<String, Expected> expected = expectedFromTheRecording();
        // computed from the file: the mention (two notifications of one status), #test (taken,
        // deleted, taken again, deleted, edited after its deletion) and #piano (three edits of a
        // status never seen before)
        assertThat(expected).hasSize(3);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(streamConnections.get()).isGreaterThanOrEqualTo(2);
            assertThat(find("103270115826048975")).isPresent();
        });

        for (var entry : expected.entrySet()) {
            Expected want = entry.getValue();
            MessageId id = find(entry.getKey()).orElseThrow(() -> new AssertionError("missing " + entry.getKey()));
            Message message = messages.find(id).orElseThrow();
            assertThat(message.authorHandle()).as(entry.getKey()).isEqualTo(want.handle);
            assertThat(message.text().replaceAll("\\s+", " ").strip())
                    .as(entry.getKey())
                    .isEqualTo(want.text);
            assertThat(message.text()).doesNotContain("<");
            assertThat(message.retracted()).as(entry.getKey()).isEqualTo(want.retracted);
            assertThat(messages.revisions(id)).as(entry.getKey()).hasSize(want.revisions);
        }
        assertThat(messages.find(find("108914343542683797").orElseThrow())
                        .orElseThrow()
                        .text())
                .isEqualTo("@trwnh test");
        assertThat(expected.get("109348684737626801").revisions).isEqualTo(2);
        assertThat(expected.get("108914430312582020").retracted).isTrue();
        // nothing else from the stream: not the home-timeline posts without the city's mention or tags
        assertThat(find("108914354907984653")).isEmpty();
        assertThat(find("109348677773283527")).isEmpty();

        // after the drop: the catch-up asked for what followed the last mention seen, stored it once
        assertThat(notificationQueries).anyMatch(q -> q.contains("min_id=68739215"));
        assertThat(notificationQueries).allMatch(q -> q.contains("types[]=mention"));
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE channel = 'mastodon' AND external_id LIKE :p")
                        .param("p", instance() + "/%")
                        .query(Long.class)
                        .single())
                .isEqualTo(expected.size() + 2L);
        var missed = messages.find(find("103270115826048975").orElseThrow()).orElseThrow();
        assertThat(missed.authorHandle()).isEqualTo("@Gargron@mastodon.social");
        assertThat(missed.text()).startsWith("\"I lost my inheritance with one wrong digit on my sort code\"");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(messages.cursor("mastodon:" + instance())).contains(MISSED_NOTIFICATION));

        // the administration page's view: messages counted, a success, and the lag behind the newest
        // stored status (the recording's statuses are years old)
        var health = channels.connector("mastodon:" + instance()).health();
        assertThat(health.messages()).isGreaterThanOrEqualTo(expected.size());
        assertThat(health.lastSuccess()).isNotNull();
        assertThat(health.lag()).isGreaterThan(Duration.ofDays(300));
    }

    @Autowired
    org.civicloop.channels.ChannelAdministration channels;

    @Test
    void aReplyIsThreadedUnderTheResidentsStatusAndARetrySendsTheSameKey() throws Exception {
        ReplySender sender = senders.stream()
                .filter(s -> s.supports(ChannelKind.MASTODON))
                .findFirst()
                .orElseThrow();
        String key = "reply-" + UUID.randomUUID();
        var reply = new OutboundMessage(
                key,
                ChannelKind.MASTODON,
                "@a@pl.nulled.red " + instance() + "/108914343542683797",
                "Received",
                "Thank you, we opened case C-1042.");
        sender.send(reply);
        sender.send(reply);

        var sent =
                posts.stream().filter(p -> key.equals(p.get("Idempotency-Key"))).toList();
        assertThat(sent).hasSize(2);
        for (var post : sent) {
            assertThat(post)
                    .containsEntry("in_reply_to_id", "108914343542683797")
                    .containsEntry("status", "@a@pl.nulled.red Thank you, we opened case C-1042.")
                    .containsEntry("visibility", "unlisted")
                    .containsEntry("Authorization", "Bearer " + TOKEN);
        }

        var refused = new OutboundMessage("reject-" + UUID.randomUUID(), ChannelKind.MASTODON, "@ana", null, "x");
        assertThatThrownBy(() -> sender.send(refused))
                .isInstanceOf(org.civicloop.replies.PermanentDeliveryException.class)
                .hasCauseInstanceOf(MastodonReplySender.MastodonReplyRejectedException.class)
                .hasMessageContaining("422");
        var busy = new OutboundMessage("busy-" + UUID.randomUUID(), ChannelKind.MASTODON, "@ana", null, "x");
        assertThatThrownBy(() -> sender.send(busy))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("429");
    }

    private java.util.Optional<MessageId> find(String statusId) {
        return jdbc.sql("SELECT id FROM message WHERE channel = 'mastodon' AND external_id = :e")
                .param("e", instance() + "/" + statusId)
                .query(UUID.class)
                .optional()
                .map(MessageId::new);
    }

    record Expected(String handle, String text, boolean retracted, int revisions) {}

    /** What the store should hold, worked out from the recording with the ingest rules. */
    static Map<String, Expected> expectedFromTheRecording() throws IOException {
        var state = new LinkedHashMap<String, Expected>();
        String event = null;
        for (String line : Files.readAllLines(MastodonData.streamingEvents())) {
            if (line.startsWith("event: ")) event = line.substring(7);
            if (!line.startsWith("data: ") || event == null) continue;
            String data = line.substring(6);
            switch (event) {
                case "update", "status.update", "notification" -> {
                    JsonNode node = JSON.readTree(data);
                    JsonNode status = node;
                    if (event.equals("notification")) {
                        if (!"mention".equals(node.path("type").asString())) continue;
                        status = node.path("status");
                    } else if (!addressedToTheCity(status)) continue;
                    String id = status.path("id").asString();
                    var before = state.get(id);
                    var now = new Expected(
                            handle(status),
                            Jsoup.parse(status.path("content").asString())
                                    .text()
                                    .strip(),
                            false,
                            0);
                    if (before == null) state.put(id, now);
                    else if (event.equals("status.update") && !before.retracted) {
                        state.put(id, new Expected(before.handle, now.text, false, before.revisions + 1));
                    }
                }
                case "delete" ->
                    state.computeIfPresent(data.strip(), (id, e) -> new Expected(e.handle, e.text, true, e.revisions));
                default -> {}
            }
        }
        return state;
    }

    static boolean addressedToTheCity(JsonNode status) {
        for (JsonNode tag : status.path("tags")) {
            if (TAGS.contains(tag.path("name").asString().toLowerCase(Locale.ROOT))) return true;
        }
        for (JsonNode mention : status.path("mentions")) {
            if (ACCOUNT.equals(mention.path("acct").asString())) return true;
        }
        return false;
    }

    static String handle(JsonNode status) {
        String acct = status.path("account").path("acct").asString();
        return "@"
                + (acct.contains("@")
                        ? acct
                        : acct + "@"
                                + URI.create(status.path("account").path("url").asString())
                                        .getHost());
    }

    static void startServer() throws IOException {
        if (server != null) return;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/v1/streaming/user", exchange -> {
            if (!authorised(exchange)) return;
            int connection = streamConnections.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                if (connection == 1) {
                    out.write(Files.readAllBytes(MastodonData.streamingEvents()));
                    out.flush();
                    return; // the server drops the stream
                }
                while (!stopped) {
                    out.write(":thump\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
        server.createContext("/api/v1/streaming/hashtag", exchange -> {
            if (!authorised(exchange)) return;
            boolean test = "tag=test".equals(exchange.getRequestURI().getRawQuery());
            int connection = test ? testTagConnections.incrementAndGet() : 0;
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(":thump\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (connection == 1) return; // the #test stream drops at once
                while (!stopped) {
                    Thread.sleep(200);
                    out.write(":thump\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
        server.createContext("/api/v1/timelines/tag/", exchange -> {
            if (!authorised(exchange)) return;
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            tagQueries.add(path + "?" + query);
            // #test has one real status of the documentation (id 1), given again (as a server
            // would not) after the drop to show that re-reading is harmless
            String body = path.endsWith("/test")
                    ? "[" + Files.readString(MastodonData.folder().resolve("json_examples/methods__statuses__04.json"))
                            + "]"
                    : "[]";
            respond(exchange, 200, body);
        });
        server.createContext("/api/v1/notifications", exchange -> {
            if (!authorised(exchange)) return;
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            notificationQueries.add(query);
            String body = "[]";
            if (query.contains("min_id=68739215")) body = missedNotifications();
            respond(exchange, 200, body);
        });
        server.createContext("/api/v1/statuses", exchange -> {
            if (!authorised(exchange)) return;
            var form = new LinkedHashMap<String, String>();
            for (String pair :
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            form.put("Idempotency-Key", key);
            form.put("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            posts.add(form);
            if (key != null && key.startsWith("reject-")) respond(exchange, 422, "{\"error\":\"Validation failed\"}");
            else if (key != null && key.startsWith("busy-"))
                respond(exchange, 429, "{\"error\":\"Too many requests\"}");
            else
                respond(
                        exchange,
                        200,
                        Files.readString(MastodonData.folder().resolve("json_examples/entities__Status__01.json")));
        });
        server.start();
    }

    /** The mention the stream missed (a real status of the documentation) and, again, the one it saw. */
    static String missedNotifications() throws IOException {
        JsonNode status = JSON.readTree(
                Files.readString(MastodonData.folder().resolve("json_examples/entities__Status__01.json")));
        ObjectNode missed = JSON.createObjectNode();
        missed.put("id", MISSED_NOTIFICATION);
        missed.put("type", "mention");
        missed.put("created_at", "2019-12-08T03:48:34.000Z");
        missed.set("account", status.path("account"));
        missed.set("status", status);
        String seen = null;
        String event = null;
        for (String line : Files.readAllLines(MastodonData.streamingEvents())) {
            if (line.startsWith("event: ")) event = line.substring(7);
            if ("notification".equals(event) && line.startsWith("data: ")) seen = line.substring(6);
        }
        return "[" + missed + "," + seen + "]";
    }

    static boolean authorised(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) return true;
        respond(exchange, 401, "{\"error\":\"The access token is invalid\"}");
        return false;
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
