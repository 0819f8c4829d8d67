package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer's batches keep the order of events: a delete after a create in the same batch retracts it. */
class BlueskyJetstreamConsumerTests {

    final ObjectMapper json = JsonMapper.builder().build();
    final List<String> calls = new CopyOnWriteArrayList<>();

    BlueskySettings settings(URI url, String... keywords) {
        return new BlueskySettings(
                true,
                url,
                null,
                null,
                List.of(keywords),
                null,
                "bluesky-test",
                Duration.ofSeconds(3),
                50,
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                null,
                null,
                null,
                null);
    }

    MessageManagement recordingMessages(Optional<String> cursor) {
        MessageManagement messages = mock(MessageManagement.class);
        when(messages.cursor(anyString())).thenReturn(cursor);
        when(messages.receiveAll(anyList(), anyString(), any())).thenAnswer(call -> {
            List<InboundMessage> batch = call.getArgument(0);
            batch.forEach(m -> calls.add("store " + m.externalId()));
            if (call.getArgument(2) != null) calls.add("cursor " + call.getArgument(2));
            return List.of();
        });
        when(messages.retract(eq(ChannelKind.BLUESKY), anyString(), any())).thenAnswer(call -> {
            calls.add("retract " + call.getArgument(1));
            return true;
        });
        return messages;
    }

    @Test
    void theSubscribeUrlResumesFromTheStoredCursorMinusTheOverlap() {
        var consumer = new JetstreamConsumer(
                settings(URI.create("wss://jetstream.example/subscribe"), "x"),
                recordingMessages(Optional.of("1783175888183595")),
                json);
        assertThat(consumer.resumeCursor()).isEqualTo("1783175885183595");
        assertThat(consumer.subscribeUri(consumer.resumeCursor()).toString())
                .isEqualTo(
                        "wss://jetstream.example/subscribe?wantedCollections=app.bsky.feed.post&cursor=1783175885183595");
        var fresh = new JetstreamConsumer(
                settings(URI.create("wss://jetstream.example/subscribe"), "x"),
                recordingMessages(Optional.empty()),
                json);
        assertThat(fresh.resumeCursor()).isNull();
        assertThat(fresh.subscribeUri(null).toString())
                .isEqualTo("wss://jetstream.example/subscribe?wantedCollections=app.bsky.feed.post");
    }

    @Test
    void aDeleteAfterItsCreateRetractsItAndGarbageDoesNotStopTheStream() throws Exception {
        var lines = Files.readAllLines(SharedData.capture(), StandardCharsets.UTF_8);
        JsonNode first = json.readTree(lines.get(40)); // "…government…"
        JsonNode second = json.readTree(lines.get(54)); // "…government…"
        // the capture's own delete event, pointed at the first post, a moment after the second
        ObjectNode delete = (ObjectNode) lines.stream()
                .map(json::readTree)
                .filter(e -> e.path("commit").path("operation").asString("").equals("delete")
                        && e.path("commit").path("collection").asString("").equals("app.bsky.feed.post"))
                .findFirst()
                .orElseThrow();
        delete.put("did", first.path("did").asString());
        ((ObjectNode) delete.get("commit"))
                .put("rkey", first.path("commit").path("rkey").asString());
        long last = second.path("time_us").asLong() + 1;
        delete.put("time_us", last);
        List<String> stream = List.of(lines.get(40), "{not json", lines.get(0), lines.get(54), delete.toString());

        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = new WebSocketServer(new InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                stream.forEach(conn::send);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {}
        };
        server.setReuseAddr(true);
        server.start();
        var consumer = new JetstreamConsumer(
                settings(URI.create("ws://127.0.0.1:" + port + "/subscribe"), "Government"),
                recordingMessages(Optional.empty()),
                json);
        try {
            consumer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!calls.contains("cursor " + last) && System.nanoTime() < deadline) Thread.sleep(20);
        } finally {
            consumer.stop();
            server.stop(1000);
        }
        String a = "at://" + first.path("did").asString() + "/app.bsky.feed.post/"
                + first.path("commit").path("rkey").asString();
        String b = "at://" + second.path("did").asString() + "/app.bsky.feed.post/"
                + second.path("commit").path("rkey").asString();
        assertThat(calls).containsSubsequence("store " + a, "store " + b, "retract " + a, "cursor " + last);
        assertThat(calls).filteredOn(c -> c.startsWith("store ")).containsExactly("store " + a, "store " + b);
        assertThat(calls).filteredOn(c -> c.startsWith("retract ")).containsExactly("retract " + a);
        assertThat(consumer.isRunning()).isFalse();
    }
}
