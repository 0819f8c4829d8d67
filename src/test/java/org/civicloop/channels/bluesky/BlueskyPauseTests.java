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
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.civicloop.channels.ChannelPauses;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.ingest.MessageManagement;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pausing the Jetstream consumer closes its socket and keeps its cursor; resuming reconnects from
 * that cursor (less the overlap). A consumer paused before a restart does not connect at start.
 */
class BlueskyPauseTests {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Duration OVERLAP = Duration.ofMillis(20);

    final List<String> queries = new CopyOnWriteArrayList<>();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<String> cursor = new AtomicReference<>();
    List<String> events;
    WebSocketServer server;
    JetstreamConsumer consumer;

    void startServer() throws Exception {
        events = Files.readAllLines(SharedData.capture(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .sorted(Comparator.comparingLong(
                        l -> JSON.readTree(l).path("time_us").asLong()))
                .limit(40)
                .toList();
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                String descriptor = handshake.getResourceDescriptor();
                queries.add(descriptor.contains("?") ? descriptor.substring(descriptor.indexOf('?') + 1) : "");
                // the first connection gets the events; the next ones stay open and quiet
                if (queries.size() == 1) events.forEach(conn::send);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
                closed.incrementAndGet();
            }

            @Override
            public void onMessage(WebSocket conn, String message) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {}
        };
        server.setReuseAddr(true);
        server.start();
    }

    JetstreamConsumer consumer(boolean pausedBefore) {
        var settings = new BlueskySettings(
                true,
                URI.create("ws://127.0.0.1:" + server.getPort() + "/subscribe"),
                null,
                null,
                List.of("government"),
                null,
                "bluesky-pause-test",
                OVERLAP,
                50,
                Duration.ofMillis(100),
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                null,
                null,
                null);
        MessageManagement messages = mock(MessageManagement.class);
        when(messages.cursor(anyString())).thenAnswer(call -> Optional.ofNullable(cursor.get()));
        when(messages.receiveAll(anyList(), anyString(), any())).thenAnswer(call -> {
            if (call.getArgument(2) != null) cursor.set(call.getArgument(2));
            return List.of();
        });
        when(messages.retract(any(), anyString(), any())).thenReturn(true);
        ChannelPauses pauses = mock(ChannelPauses.class);
        when(pauses.isPaused(eq("bluesky"))).thenReturn(pausedBefore);
        return new JetstreamConsumer(settings, messages, JSON, pauses, Clock.systemUTC(), null);
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) consumer.stop();
        if (server != null) server.stop(1000);
    }

    @Test
    void pauseClosesTheSocketKeepsTheCursorAndResumeReconnectsFromIt() throws Exception {
        startServer();
        consumer = consumer(false);
        consumer.start();
        long last = JSON.readTree(events.get(events.size() - 1)).path("time_us").asLong();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> String.valueOf(last).equals(cursor.get()));
        assertThat(consumer.health().snapshot().state()).isEqualTo(ConnectorHealth.State.RUNNING);
        assertThat(consumer.health().snapshot().lag()).isPositive();

        consumer.pause();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 1);
        assertThat(consumer.health().snapshot().state()).isEqualTo(ConnectorHealth.State.PAUSED);
        assertThat(cursor.get()).isEqualTo(String.valueOf(last));
        assertThat(queries).hasSize(1);

        consumer.resume();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queries.size() == 2);
        assertThat(queries.get(1))
                .isEqualTo("wantedCollections=app.bsky.feed.post&cursor=" + (last - OVERLAP.toNanos() / 1000));
        assertThat(consumer.health().snapshot().state()).isEqualTo(ConnectorHealth.State.RUNNING);
    }

    @Test
    void aConsumerPausedBeforeARestartConnectsOnlyWhenResumed() throws Exception {
        startServer();
        cursor.set("1783175888183595");
        consumer = consumer(true);
        consumer.start();
        assertThat(consumer.health().snapshot().state()).isEqualTo(ConnectorHealth.State.PAUSED);
        assertThat(queries).isEmpty();

        consumer.resume();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queries.size() == 1);
        assertThat(queries.get(0)).endsWith("&cursor=" + (1783175888183595L - OVERLAP.toNanos() / 1000));
    }
}
