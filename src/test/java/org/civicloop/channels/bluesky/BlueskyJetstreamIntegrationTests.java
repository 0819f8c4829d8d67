package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Jetstream capture replayed through a WebSocket server on loopback, which drops the first
 * connection after {@value #DROP_AFTER} events and then serves from the cursor the client asks for,
 * as Jetstream does. The capture mentions no city handle, so the filter is set to keywords and a
 * hashtag that occur in it (and to a city DID and handle that do not).
 */
@SpringBootTest
@DirtiesContext
class BlueskyJetstreamIntegrationTests {

    static final int DROP_AFTER = 60;
    static final long OVERLAP_US = 20_000;
    static final List<String> KEYWORDS = List.of("government", "#HowToTellAiToShutUp", "video", "MAGA");
    static final String CONNECTOR = "bluesky-it-" + UUID.randomUUID();
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static Replay server;

    /** Skipped (or, in CI, failed) before any server starts when the capture is missing. */
    @org.junit.jupiter.api.BeforeAll
    static void needsTheCapture() {
        SharedData.capture();
    }

    @DynamicPropertySource
    static void bluesky(DynamicPropertyRegistry registry) {
        if (server == null) server = Replay.launch();
        registry.add("civicloop.channels.bluesky.enabled", () -> "true");
        registry.add(
                "civicloop.channels.bluesky.jetstream-url", () -> "ws://127.0.0.1:" + server.getPort() + "/subscribe");
        registry.add("civicloop.channels.bluesky.keywords", () -> String.join(",", KEYWORDS));
        registry.add("civicloop.channels.bluesky.dids", () -> "did:plc:cityofriverton000000000");
        registry.add("civicloop.channels.bluesky.handles", () -> "riverton.gov");
        registry.add("civicloop.channels.bluesky.connector-name", () -> CONNECTOR);
        registry.add("civicloop.channels.bluesky.resume-overlap", () -> OVERLAP_US / 1000 + "ms");
        registry.add("civicloop.channels.bluesky.batch-size", () -> "4");
        registry.add("civicloop.channels.bluesky.flush-interval", () -> "100ms");
        registry.add("civicloop.channels.bluesky.reconnect-backoff", () -> "100ms");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server == null) return;
        server.go.countDown();
        server.stop(1000);
    }

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    /** The capture in Jetstream's replay order (by time_us), as parsed trees. */
    static List<JsonNode> events() {
        return server.events.stream().map(JSON::readTree).toList();
    }

    /** Computed from the file with a plain scan, independently of the connector's parser and filter. */
    static Set<String> expectedPosts() {
        return events().stream()
                .filter(e -> e.path("kind").asString("").equals("commit"))
                .filter(e -> e.path("commit").path("operation").asString("").equals("create"))
                .filter(e -> e.path("commit").path("collection").asString("").equals("app.bsky.feed.post"))
                .filter(e -> {
                    JsonNode record = e.path("commit").path("record");
                    String text = record.path("text").asString("").toLowerCase(Locale.ROOT);
                    Set<String> tags = new HashSet<>();
                    record.path("facets")
                            .forEach(f -> f.path("features").forEach(ft -> {
                                if (ft.path("$type").asString("").equals("app.bsky.richtext.facet#tag")) {
                                    tags.add("#" + ft.path("tag").asString("").toLowerCase(Locale.ROOT));
                                }
                            }));
                    return KEYWORDS.stream()
                            .map(k -> k.toLowerCase(Locale.ROOT))
                            .anyMatch(k -> text.contains(k) || tags.contains(k));
                })
                .map(e -> "at://" + e.path("did").asString() + "/app.bsky.feed.post/"
                        + e.path("commit").path("rkey").asString())
                .collect(Collectors.toSet());
    }

    @Test
    void exactlyTheMatchingPostsAreStoredDeletesRetractAndADropResumesFromTheCursor() throws Exception {
        var expected = expectedPosts();
        assertThat(expected).hasSize(6);

        // the capture deletes a post created before it began: store that post first, as an earlier run would have
        JsonNode delete = events().stream()
                .filter(e -> e.path("commit").path("operation").asString("").equals("delete")
                        && e.path("commit").path("collection").asString("").equals("app.bsky.feed.post"))
                .findFirst()
                .orElseThrow();
        String deleted = "at://" + delete.path("did").asString() + "/app.bsky.feed.post/"
                + delete.path("commit").path("rkey").asString();
        var earlier = messages.receive(new InboundMessage(
                ChannelKind.BLUESKY,
                deleted,
                delete.path("did").asString(),
                null,
                "the MAGA post deleted later",
                "en",
                Instant.parse("2026-07-04T14:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                "{}"));
        assertThat(earlier.created()).isTrue();

        server.go.countDown();
        long lastTimeUs = events().get(events().size() - 1).path("time_us").asLong();
        await(() -> messages.cursor(CONNECTOR).map(Long::parseLong).orElse(0L) == lastTimeUs
                && messages.find(earlier.messageId()).orElseThrow().retracted()
                && stored().size() == expected.size() + 1);

        // exactly the matching posts, each once, and nothing else from this connector (other test classes
        // and the demo city store Bluesky messages too, with other kinds of external ids or no payload)
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(union(expected, deleted));
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM message WHERE channel = 'bluesky' AND external_id LIKE 'at://%' AND raw IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(expected.size() + 1L);
        assertThat(messages.find(earlier.messageId()).orElseThrow().retracted()).isTrue();
        var one = jdbc.sql("SELECT body, raw::text FROM message WHERE channel = 'bluesky' AND external_id = :e")
                .param("e", expected.iterator().next())
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
        assertThat(one.get(1)).contains("\"time_us\"");

        // the first connection started live, the second resumed from the stored cursor minus the overlap
        assertThat(server.queries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(server.queries.get(0)).isEqualTo("wantedCollections=app.bsky.feed.post");
        long cursorAtDrop = events().get(DROP_AFTER - 1).path("time_us").asLong();
        assertThat(server.queries.get(1))
                .isEqualTo("wantedCollections=app.bsky.feed.post&cursor=" + (cursorAtDrop - OVERLAP_US));
        // the matching posts were split by the drop: some before, some after, some in the replayed overlap
        long before = events().subList(0, DROP_AFTER).stream()
                .filter(e -> expected.contains(uri(e)))
                .count();
        assertThat(before).isBetween(1L, expected.size() - 1L);
        long replayed = events().stream()
                .filter(e -> e.path("time_us").asLong() >= cursorAtDrop - OVERLAP_US
                        && e.path("time_us").asLong() <= cursorAtDrop)
                .filter(e -> expected.contains(uri(e)))
                .count();
        assertThat(replayed).isPositive();
    }

    static String uri(JsonNode e) {
        return "at://" + e.path("did").asString() + "/app.bsky.feed.post/"
                + e.path("commit").path("rkey").asString("");
    }

    static Set<String> union(Set<String> a, String b) {
        var all = new HashSet<>(a);
        all.add(b);
        return all;
    }

    List<String> stored() {
        return jdbc.sql(
                        "SELECT external_id FROM message WHERE channel = 'bluesky' AND external_id LIKE 'at://%' AND raw IS NOT NULL")
                .query(String.class)
                .list();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for the connector");
            Thread.sleep(50);
        }
    }

    /** Plays the capture like Jetstream: from the requested cursor, in time order; drops the first connection early. */
    static final class Replay extends WebSocketServer {
        final List<String> events;
        final List<String> queries = new CopyOnWriteArrayList<>();
        final CountDownLatch go = new CountDownLatch(1);

        Replay(int port, List<String> events) {
            super(new InetSocketAddress("127.0.0.1", port));
            this.events = events;
            setReuseAddr(true);
        }

        static Replay launch() {
            try {
                List<String> lines = Files.readAllLines(SharedData.capture(), StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .sorted(Comparator.comparingLong(
                                l -> JSON.readTree(l).path("time_us").asLong()))
                        .toList();
                int port;
                try (var socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                var replay = new Replay(port, lines);
                replay.start();
                return replay;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String descriptor = handshake.getResourceDescriptor();
            String query = descriptor.contains("?") ? descriptor.substring(descriptor.indexOf('?') + 1) : "";
            int connection = queries.size();
            queries.add(query);
            long cursor = 0;
            for (String part : query.split("&")) {
                if (part.startsWith("cursor=")) cursor = Long.parseLong(part.substring("cursor=".length()));
            }
            long from = cursor;
            var sender = new Thread(() -> {
                try {
                    go.await();
                    int sent = 0;
                    for (String event : events) {
                        if (JSON.readTree(event).path("time_us").asLong() < from) continue;
                        if (!conn.isOpen()) return;
                        conn.send(event);
                        sent++;
                        if (connection == 0 && sent == DROP_AFTER) {
                            conn.close();
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sender.setDaemon(true);
            sender.start();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {}

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {}
    }
}
