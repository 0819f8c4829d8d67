package org.civicloop.channels.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.replies.PermanentDeliveryException;
import org.civicloop.replies.ReplySender;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
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
 * The X connector against a loopback server speaking the X API v2: the filtered stream (keep-alive
 * lines, an error object, a retweet, a reply, the city's own post, a post with a place, exact
 * coordinates and a t.co link) ends after the first connection; two posts arrive while it is down
 * and come back through the mentions catch-up ({@code since_id}, two pages); the second connection
 * repeats one of them. Stream rules are synchronised once. Replies are posted with the user token,
 * once per outbox key.
 */
@SpringBootTest
@DirtiesContext
class XStreamIntegrationTests {

    static final String APP_TOKEN = "app-" + UUID.randomUUID();
    static final String USER_TOKEN = "user-" + UUID.randomUUID();
    static final String CITY = "RivertonCity";
    static final String CITY_ID = "1700000000000000001";
    static final String RULE = "@RivertonCity OR #rivertonfix";
    static final String STALE_RULE_ID = "1800000000000000001";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static HttpServer server;
    static volatile boolean stopped;
    static final AtomicInteger streamConnections = new AtomicInteger();
    static final List<String> streamQueries = new CopyOnWriteArrayList<>();
    static final List<String> mentionQueries = new CopyOnWriteArrayList<>();
    static final List<JsonNode> rulePosts = new CopyOnWriteArrayList<>();
    static final Map<String, String> rules = new ConcurrentHashMap<>(Map.of("from:someone_else", STALE_RULE_ID));
    static final List<Map<String, Object>> tweetPosts = new CopyOnWriteArrayList<>();
    static final Set<String> busyOnce = ConcurrentHashMap.newKeySet();
    static final AtomicLong nextTweetId = new AtomicLong(1870000000000000000L);

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<ReplySender> senders;

    @Autowired
    List<org.civicloop.channels.ChannelConnector> connectors;

    @DynamicPropertySource
    static void x(DynamicPropertyRegistry registry) throws IOException {
        startServer();
        registry.add("civicloop.channels.x.enabled", () -> "true");
        registry.add(
                "civicloop.channels.x.base-url",
                () -> "http://127.0.0.1:" + server.getAddress().getPort());
        registry.add("civicloop.channels.x.bearer-token", () -> APP_TOKEN);
        registry.add("civicloop.channels.x.user-access-token", () -> USER_TOKEN);
        registry.add("civicloop.channels.x.account", () -> CITY);
        registry.add("civicloop.channels.x.rules", () -> RULE);
        registry.add("civicloop.channels.x.network-backoff-step", () -> "50ms");
        registry.add("civicloop.channels.x.http-backoff-min", () -> "100ms");
        registry.add("civicloop.channels.x.idle-timeout", () -> "10s");
    }

    @AfterAll
    static void stopServer() {
        stopped = true;
        if (server != null) server.stop(0);
    }

    static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/x/" + name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStreamIsTakenInAndWhatItMissedIsCaughtUpWithoutGapsOrDuplicates() throws Exception {
        // what should be stored, computed from the fixtures: every post in them, once, except
        // retweets and the city's own posts
        var expected = new LinkedHashSet<String>();
        var all = new LinkedHashSet<String>();
        var lines = new ArrayList<JsonNode>();
        for (String file : List.of("filtered-stream-1.jsonl", "filtered-stream-2.jsonl")) {
            for (String line : fixture(file).split("\r\n")) {
                if (!line.isBlank()) lines.add(JSON.readTree(line));
            }
        }
        for (String page : List.of("mentions-since-page-1.json", "mentions-since-page-2.json")) {
            JSON.readTree(fixture(page))
                    .path("data")
                    .forEach(t -> lines.add(JSON.createObjectNode().set("data", t)));
        }
        for (JsonNode line : lines) {
            JsonNode tweet = line.path("data");
            if (tweet.isMissingNode()) continue;
            all.add(tweet.path("id").asString());
            boolean retweet = false;
            for (JsonNode ref : tweet.path("referenced_tweets")) {
                retweet |= ref.path("type").asString().equals("retweeted");
            }
            if (!retweet && !tweet.path("author_id").asString().equals(CITY_ID)) {
                expected.add(tweet.path("id").asString());
            }
        }
        assertThat(all).hasSize(8);
        assertThat(expected).hasSize(6);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(streamConnections.get()).isGreaterThanOrEqualTo(2);
            assertThat(stored()).containsAll(expected);
            assertThat(messages.cursor("x:" + CITY)).contains("1861000000000000606");
        });
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE channel = 'x'")
                        .query(Long.class)
                        .single())
                .isEqualTo(expected.size());

        // the catch-up after the drop asked for what followed the newest post stored, and paged
        assertThat(mentionQueries)
                .anyMatch(q -> q.startsWith("/2/users/" + CITY_ID + "/mentions")
                        && q.contains("since_id=1861000000000000303")
                        && !q.contains("pagination_token"));
        assertThat(mentionQueries)
                .anyMatch(q -> q.contains("since_id=1861000000000000303")
                        && q.contains("pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"));
        assertThat(streamQueries)
                .allMatch(q -> q.contains("expansions=author_id,geo.place_id")
                        && q.contains("tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,"
                                + "referenced_tweets,geo,lang,entities")
                        && q.contains("user.fields=username,name"));

        // rules: the configured one added and the stale one removed, once, not on every reconnection
        assertThat(rulePosts).hasSize(2);
        assertThat(rulePosts.get(0).path("add").get(0).path("value").asString()).isEqualTo(RULE);
        assertThat(rulePosts.get(1).path("delete").path("ids").get(0).asString())
                .isEqualTo(STALE_RULE_ID);
        assertThat(rules).containsOnlyKeys(RULE);

        Message first = find("1861000000000000101");
        assertThat(first.authorHandle()).isEqualTo("@ana_riverton");
        assertThat(first.authorName()).isEqualTo("Ana Ruiz");
        assertThat(first.text()).isEqualTo("@RivertonCity the streetlight on Bridge St & 4th has been out for a week");
        assertThat(first.url()).isEqualTo("https://x.com/ana_riverton/status/1861000000000000101");
        assertThat(first.language()).isEqualTo("en");
        assertThat(first.postedAt()).isEqualTo(java.time.Instant.parse("2026-11-20T10:00:00Z"));

        Message reply = find("1861000000000000202");
        assertThat(reply.conversationId()).isEqualTo(first.id());
        assertThat(messages.conversation(first.id()))
                .extracting(Message::externalId)
                .containsExactly("1861000000000000101", "1861000000000000202");

        Message pothole = find("1861000000000000303");
        assertThat(pothole.text())
                .isEqualTo("Deep pothole on Main St by the library #rivertonfix "
                        + "https://photos.example.org/riverton/pothole-main-st.jpg")
                .doesNotContain("t.co");
        assertThat(pothole.location().latitude()).isEqualTo(45.52306);
        assertThat(pothole.location().longitude()).isEqualTo(-122.67648);
        assertThat(pothole.address()).isEqualTo("Riverton, OR");

        // as channel administration sees it
        var x = connectors.stream().filter(c -> c.kind() == ChannelKind.X).toList();
        assertThat(x)
                .extracting(org.civicloop.channels.ChannelConnector::id)
                .containsExactlyInAnyOrder("x:" + CITY, "x-replies:" + CITY);
        var stream =
                x.stream().filter(c -> c.id().equals("x:" + CITY)).findFirst().orElseThrow();
        assertThat(stream.health().snapshot().messages()).isEqualTo(expected.size());
        assertThat(stream.health().snapshot().state()).isEqualTo(org.civicloop.channels.ConnectorHealth.State.RUNNING);
        assertThat(stream.test().ok()).isTrue();
        assertThat(stream.test().detail()).contains("1 rule(s)");

        Message missed = find("1861000000000000505");
        assertThat(missed.conversationId()).isEqualTo(pothole.id());
        assertThat(find("1861000000000000404").language()).isEqualTo("es");
    }

    @Test
    void aReplyIsPostedOnceWithTheUserTokenAndRefusalsAreFinal() throws Exception {
        ReplySender sender = senders.stream()
                .filter(s -> s.supports(ChannelKind.X))
                .findFirst()
                .orElseThrow();
        String key = "reply-" + UUID.randomUUID();
        var reply = new OutboundMessage(
                key,
                ChannelKind.X,
                "@ana_riverton",
                "Received",
                "Thank you, we opened case C-1042: https://riverton.example.gov/cases/C-1042 " + key,
                "1861000000000000101");
        sender.send(reply);
        sender.send(reply);
        var sent = posts(key);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsEntry("Authorization", "Bearer " + USER_TOKEN);
        JsonNode body = (JsonNode) sent.get(0).get("body");
        assertThat(body.path("text").asString()).isEqualTo(reply.body());
        assertThat(body.path("reply").path("in_reply_to_tweet_id").asString()).isEqualTo("1861000000000000101");
        assertThat(body.properties()).hasSize(2);
        assertThat(jdbc.sql("SELECT status FROM x_delivery WHERE idempotency_key = :k")
                        .param("k", key)
                        .query(String.class)
                        .single())
                .isEqualTo("sent");

        // 429: not posted, the key is free, the next attempt posts
        String busy = "busy-" + UUID.randomUUID();
        busyOnce.add(busy);
        var later = new OutboundMessage(busy, ChannelKind.X, "@mike_k", null, "On it " + busy, "1861000000000000303");
        assertThatThrownBy(() -> sender.send(later))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("429");
        sender.send(later);
        sender.send(later);
        assertThat(posts(busy)).hasSize(2); // the refused 429 attempt and the one that was created

        // 403 (duplicate content): permanent, and never tried again
        String refused = "REFUSE-" + UUID.randomUUID();
        var duplicate = new OutboundMessage(refused, ChannelKind.X, "@mike_k", null, refused, "1861000000000000303");
        assertThatThrownBy(() -> sender.send(duplicate))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("403");
        assertThatThrownBy(() -> sender.send(duplicate)).isInstanceOf(PermanentDeliveryException.class);
        assertThat(posts(refused)).hasSize(1);
    }

    private List<Map<String, Object>> posts(String marker) {
        return tweetPosts.stream()
                .filter(p -> ((JsonNode) p.get("body")).path("text").asString().contains(marker))
                .toList();
    }

    private Set<String> stored() {
        return new LinkedHashSet<>(jdbc.sql("SELECT external_id FROM message WHERE channel = 'x'")
                .query(String.class)
                .list());
    }

    private Message find(String id) {
        return messages.findByExternalId(ChannelKind.X, id).orElseThrow(() -> new AssertionError("missing " + id));
    }

    // --- the loopback X API

    static void startServer() throws IOException {
        if (server != null) return;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/2/tweets/search/stream/rules", XStreamIntegrationTests::rules);
        server.createContext("/2/tweets/search/stream", XStreamIntegrationTests::stream);
        server.createContext("/2/users/by/username/", exchange -> {
            if (!authorized(exchange, APP_TOKEN)) return;
            if (exchange.getRequestURI().getPath().endsWith("/" + CITY)) {
                respond(
                        exchange,
                        200,
                        "{\"data\":{\"id\":\"" + CITY_ID + "\",\"name\":\"City of Riverton\",\"username\":\"" + CITY
                                + "\"}}");
            } else {
                respond(exchange, 200, "{\"errors\":[{\"title\":\"Not Found Error\"}]}");
            }
        });
        server.createContext("/2/users/" + CITY_ID + "/mentions", XStreamIntegrationTests::mentions);
        server.createContext("/2/tweets", XStreamIntegrationTests::postTweet);
        server.start();
    }

    static boolean authorized(HttpExchange exchange, String token) throws IOException {
        if (("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) return true;
        respond(
                exchange,
                401,
                "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
        return false;
    }

    static void rules(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, APP_TOKEN)) return;
        if (exchange.getRequestMethod().equals("POST")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            rulePosts.add(body);
            ObjectNode answer = JSON.createObjectNode();
            var data = answer.putArray("data");
            int created = 0;
            for (JsonNode add : body.path("add")) {
                String id = String.valueOf(1862000000000000000L + rules.size() + created);
                rules.put(add.path("value").asString(), id);
                data.addObject().put("value", add.path("value").asString()).put("id", id);
                created++;
            }
            int deleted = 0;
            for (JsonNode id : body.path("delete").path("ids")) {
                deleted += rules.values().remove(id.asString()) ? 1 : 0;
            }
            var summary = answer.putObject("meta")
                    .put("sent", "2026-11-21T08:00:00.000Z")
                    .putObject("summary");
            if (created > 0)
                summary.put("created", created)
                        .put("not_created", 0)
                        .put("valid", created)
                        .put("invalid", 0);
            else summary.put("deleted", deleted).put("not_deleted", 0);
            respond(exchange, 200, JSON.writeValueAsString(answer));
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        if (!rules.isEmpty()) {
            var data = answer.putArray("data");
            rules.forEach((value, id) -> data.addObject().put("id", id).put("value", value));
        }
        answer.putObject("meta").put("sent", "2026-11-21T08:00:00.000Z").put("result_count", rules.size());
        respond(exchange, 200, JSON.writeValueAsString(answer));
    }

    static void stream(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, APP_TOKEN)) return;
        streamQueries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
        int connection = streamConnections.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (connection == 1) {
                out.write(fixture("filtered-stream-1.jsonl").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return; // the connection drops
            }
            if (connection == 2) {
                out.write(fixture("filtered-stream-2.jsonl").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            while (!stopped) { // keep-alives, as X sends every 20 seconds
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    static void mentions(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, APP_TOKEN)) return;
        String query = exchange.getRequestURI().getRawQuery();
        String decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
        mentionQueries.add(exchange.getRequestURI().getPath() + "?" + decoded);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String since = params.get("since_id");
        if ("1861000000000000303".equals(since)) {
            respond(
                    exchange,
                    200,
                    fixture(
                            params.containsKey("pagination_token")
                                    ? "mentions-since-page-2.json"
                                    : "mentions-since-page-1.json"));
        } else {
            respond(exchange, 200, "{\"meta\":{\"result_count\":0}}");
        }
    }

    static void postTweet(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "{}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        var post = new LinkedHashMap<String, Object>();
        post.put("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        post.put("body", body);
        tweetPosts.add(post);
        if (!authorized(exchange, USER_TOKEN)) return;
        String text = body.path("text").asString();
        for (String key : busyOnce) {
            if (text.contains(key) && busyOnce.remove(key)) {
                respond(
                        exchange,
                        429,
                        "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
                return;
            }
        }
        if (text.contains("REFUSE")) {
            respond(
                    exchange,
                    403,
                    "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                            + "\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
            return;
        }
        String id = String.valueOf(nextTweetId.incrementAndGet());
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("data")
                .put("id", id)
                .put("text", text)
                .putArray("edit_history_tweet_ids")
                .add(id);
        respond(exchange, 201, JSON.writeValueAsString(answer));
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
