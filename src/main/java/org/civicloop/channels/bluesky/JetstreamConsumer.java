package org.civicloop.channels.bluesky;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ChannelPauses;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows Bluesky's Jetstream (WebSocket, JSON) on its own thread and stores the posts addressed
 * to the city. Events are stored in small batches together with the connector's cursor (the
 * highest {@code time_us} they cover), so after a dropped connection or a restart it resumes from
 * the cursor, a few seconds early to cover Jetstream's slightly unordered delivery: the store is
 * idempotent, so the overlap is harmless. Reconnects back off exponentially (Resilience4j Retry)
 * behind a circuit breaker. Off unless {@code civicloop.channels.bluesky.enabled=true}.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.bluesky", name = "enabled", havingValue = "true")
class JetstreamConsumer implements SmartLifecycle, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);
    private static final Object CLOSED = new Object();

    private final BlueskySettings settings;
    private final MessageManagement messages;
    private final JetstreamParser parser;
    private final PostFilter filter;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile WebSocket socket;
    private HttpClient http;
    private final ChannelPauses pauses;
    private final Clock clock;
    private final ConnectorHealth health;
    private final BlueskyReplySender replies;
    private final Object gate = new Object();
    /** Paused by an administrator: the socket is closed, the cursor kept. */
    private volatile boolean paused;
    /** time_us of the newest event stored (the cursor), for the lag. */
    private volatile long newestTimeUs = -1;

    JetstreamConsumer(BlueskySettings settings, MessageManagement messages, ObjectMapper json) {
        this(settings, messages, json, null, Clock.systemUTC(), null);
    }

    @Autowired
    JetstreamConsumer(
            BlueskySettings settings,
            MessageManagement messages,
            ObjectMapper json,
            ChannelPauses pauses,
            Clock clock,
            BlueskyReplySender replies) {
        this.pauses = pauses;
        this.clock = clock;
        this.health = new ConnectorHealth(clock);
        this.replies = replies;
        if (replies != null) replies.reportTo(health);
        this.settings = settings;
        this.messages = messages;
        this.parser = new JetstreamParser(json);
        this.filter = PostFilter.of(settings);
        this.retry = Retry.of(
                "bluesky-jetstream",
                RetryConfig.custom()
                        .maxAttempts(Integer.MAX_VALUE)
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                settings.reconnectBackoff(), 2.0, settings.maxReconnectBackoff()))
                        .retryOnException(e -> running && !paused)
                        .build());
        this.breaker = CircuitBreaker.of(
                "bluesky-jetstream",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(5)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(80)
                        .waitDurationInOpenState(settings.maxReconnectBackoff())
                        .build());
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || running) return;
        if (filter.isEmpty()) {
            log.warn("Bluesky channel enabled without DIDs, handles or keywords: nothing would be taken, not started");
            return;
        }
        running = true;
        if (pauses != null && pauses.isPaused(id())) {
            paused = true;
            health.paused(true);
        }
        health.started();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        thread = new Thread(this::run, "bluesky-jetstream");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        health.stopped();
        synchronized (gate) {
            gate.notifyAll();
        }
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
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

    private void run() {
        while (running) {
            try {
                synchronized (gate) {
                    while (paused && running) gate.wait();
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!running) return;
            try {
                retry.executeCheckedSupplier(() -> {
                    try {
                        return breaker.executeCheckedSupplier(this::session);
                    } catch (Throwable e) {
                        if (running && !paused) health.failure(e);
                        throw e;
                    }
                });
            } catch (Throwable e) {
                if (!running) return;
                if (paused) continue;
                log.warn("Bluesky Jetstream: giving up for now ({})", e.toString());
                waitBeforeRetrying(settings.maxReconnectBackoff());
            }
        }
    }

    private void waitBeforeRetrying(Duration duration) {
        try {
            synchronized (gate) {
                gate.wait(duration.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String id() {
        return "bluesky";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.BLUESKY;
    }

    @Override
    public String description() {
        var watched = new ArrayList<String>();
        settings.handles().forEach(h -> watched.add("@" + h));
        watched.addAll(settings.dids());
        settings.keywords().forEach(k -> watched.add("\"" + k + "\""));
        return "Jetstream " + settings.jetstreamUrl().getHost() + ", watching " + watched
                + (settings.identifier() == null
                        ? ", replies not configured"
                        : ", replies as " + settings.identifier());
    }

    @Override
    public ConnectorHealth health() {
        long position = newestTimeUs;
        if (position > 0) {
            Instant at = Instant.ofEpochSecond(position / 1_000_000, (position % 1_000_000) * 1_000);
            health.lag(Duration.between(at, clock.instant()));
        }
        return health;
    }

    /** Closes the socket and reads nothing until {@link #resume()}; the cursor stays where it was. */
    @Override
    public void pause() {
        paused = true;
        health.paused(true);
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        log.info("Bluesky Jetstream paused");
    }

    /** Reconnects from the stored cursor (a little earlier, as after any reconnection). */
    @Override
    public void resume() {
        paused = false;
        health.paused(false);
        synchronized (gate) {
            gate.notifyAll();
        }
        log.info("Bluesky Jetstream resumed");
    }

    @Override
    public ConnectorHealth.TestResult test() {
        if (replies == null) return ConnectorHealth.TestResult.failed("No Bluesky client");
        return replies.test();
    }

    /** Where to resume: the stored cursor a little earlier, or nothing (live) the first time. */
    String resumeCursor() {
        return messages.cursor(settings.connectorName())
                .flatMap(JetstreamConsumer::parseLong)
                .map(position -> Math.max(0, position - settings.resumeOverlap().toNanos() / 1_000))
                .map(String::valueOf)
                .orElse(null);
    }

    URI subscribeUri(String cursor) {
        var query = new StringBuilder();
        for (String collection : settings.wantedCollections()) {
            query.append(query.isEmpty() ? "" : "&")
                    .append("wantedCollections=")
                    .append(URLEncoder.encode(collection, StandardCharsets.UTF_8));
        }
        if (cursor != null) query.append("&cursor=").append(cursor);
        String base = settings.jetstreamUrl().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /** One connection: returns how many events it read once it drops, or throws if it read none. */
    private int session() throws Exception {
        if (!running) throw new IllegalStateException("stopped");
        URI uri = subscribeUri(resumeCursor());
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>(10_000);
        log.info("Bluesky Jetstream: connecting to {}", uri);
        WebSocket ws = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener(queue))
                .get(20, TimeUnit.SECONDS);
        socket = ws;
        health.success();
        var batch = new Batch();
        int received = 0;
        try {
            if (paused) ws.abort();
            while (running && !paused) {
                Object item = queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    batch.flush();
                } else if (item instanceof String text) {
                    received++;
                    batch.add(parser.parse(text));
                    if (batch.size() >= settings.batchSize()) batch.flush();
                } else {
                    if (item instanceof Throwable error)
                        log.info("Bluesky Jetstream: connection failed ({})", error.toString());
                    break;
                }
            }
            batch.flush();
        } finally {
            socket = null;
            ws.abort();
        }
        log.info("Bluesky Jetstream: connection ended after {} events", received);
        if (received == 0 && running && !paused) throw new IOException("Jetstream connection closed before any event");
        return received;
    }

    private static java.util.Optional<Long> parseLong(String s) {
        try {
            return java.util.Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            log.warn("Bluesky Jetstream: ignoring unreadable cursor {}", s);
            return java.util.Optional.empty();
        }
    }

    /** Events read but not yet stored, in their order, and the cursor they bring the connector to. */
    private final class Batch {
        private final List<JetstreamEvent> events = new ArrayList<>();
        private long position = -1;
        private long stored = -1;

        void add(JetstreamEvent event) {
            if (event instanceof JetstreamEvent.Invalid invalid) {
                log.warn(
                        "Bluesky Jetstream: skipping an invalid event ({}, time_us {})",
                        invalid.reason(),
                        invalid.timeUs());
            } else if (event instanceof JetstreamEvent.Post post && !filter.matches(post.record())) {
                // not addressed to the city
            } else if (!(event instanceof JetstreamEvent.Ignored)) {
                events.add(event);
            }
            position = Math.max(position, event.timeUs());
        }

        int size() {
            return events.size();
        }

        /** Stores posts and retractions in their order, then moves the cursor with the last posts. */
        void flush() {
            if (events.isEmpty() && (position <= stored || position < 0)) return;
            List<InboundMessage> posts = new ArrayList<>();
            for (JetstreamEvent event : events) {
                if (event instanceof JetstreamEvent.Post post) {
                    posts.add(post.message());
                } else if (event instanceof JetstreamEvent.Deletion deletion) {
                    if (!posts.isEmpty()) messages.receiveAll(posts, settings.connectorName(), null);
                    posts = new ArrayList<>();
                    messages.retract(ChannelKind.BLUESKY, deletion.externalId(), "deleted on Bluesky by the author");
                }
            }
            String cursor = position > stored ? String.valueOf(position) : null;
            messages.receiveAll(posts, settings.connectorName(), cursor);
            health.received(posts.size());
            events.clear();
            stored = Math.max(stored, position);
            newestTimeUs = Math.max(newestTimeUs, stored);
        }
    }

    /** Hands complete text messages to the consumer thread, asking for the next one when done. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Object> queue;
        private final StringBuilder partial = new StringBuilder();
        private boolean oversized;

        Listener(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!oversized) {
                partial.append(data);
                if (partial.length() > JetstreamParser.MAX_EVENT_CHARS) {
                    oversized = true;
                    partial.setLength(0);
                }
            }
            if (last) {
                String text = oversized ? "" : partial.toString();
                partial.setLength(0);
                oversized = false;
                offer(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            offer(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            offer(error);
        }

        private void offer(Object item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
