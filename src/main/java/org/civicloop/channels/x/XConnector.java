package org.civicloop.channels.x;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows the X API v2 filtered stream ({@code GET /2/tweets/search/stream}, newline-delimited
 * JSON with blank keep-alive lines) and takes in what matches the configured rules, which it keeps
 * in place through the rules endpoint. After every (re)connection it first reads what the stream
 * missed — the city account's mentions and/or a recent search with the rules as the query — from
 * the newest tweet id stored (the cursor {@code x:<account>}), so a dropped stream loses nothing.
 *
 * <p>Reconnection follows X's documented policy: network errors back off linearly (250 ms more
 * each time, up to 16 s), HTTP errors exponentially (from 5 s, up to 320 s), HTTP 429 exponentially
 * from one minute. A circuit breaker stops hammering X while it keeps failing. A stream silent
 * (not even a keep-alive) for longer than the idle timeout is closed and reconnected.
 *
 * <p>The filtered stream carries no deletions (X's compliance streams, which do, are not part of
 * the ordinary API access): a post deleted on X stays in the inbox.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.x", name = "enabled", havingValue = "true")
class XConnector implements SmartLifecycle, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(XConnector.class);

    private final XSettings settings;
    private final MessageManagement messages;
    private final XApi api;
    private final XTweets tweets;
    private final ObjectMapper json;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final ConnectorHealth health;
    private final Object sleeper = new Object();
    private volatile boolean running;
    private volatile Thread reader;
    private volatile Thread watchdog;
    private volatile InputStream open;
    private volatile long lastHeard;
    private volatile String position;
    private volatile boolean positionRead;
    private volatile String userId;

    XConnector(XSettings settings, MessageManagement messages, ObjectMapper json, Clock clock) {
        if (XSettings.isBlank(settings.bearerToken())) {
            throw new IllegalStateException(
                    "civicloop.channels.x.bearer-token is required when the X channel is enabled");
        }
        this.settings = settings;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.api = new XApi(settings, json);
        this.tweets = new XTweets(json);
        this.health = new ConnectorHealth(clock);
        this.userId = settings.userId();
        this.breaker = CircuitBreaker.of(
                "x-stream",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(6)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.httpBackoffMax())
                        .build());
    }

    // --- ChannelConnector

    @Override
    public String id() {
        return "x:" + (settings.account().isEmpty() ? "stream" : settings.account());
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.X;
    }

    @Override
    public String description() {
        return "X filtered stream" + (settings.account().isEmpty() ? "" : " for @" + settings.account())
                + (settings.rules().isEmpty() ? "" : ", rules: " + String.join(" | ", settings.rules()));
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public void pause() {
        health.paused(true);
        closeQuietly(open);
        log.info("X stream paused");
    }

    @Override
    public void resume() {
        health.paused(false);
        wake();
        log.info("X stream resumed");
    }

    @Override
    public ConnectorHealth.TestResult test() {
        try {
            var rules = api.rules();
            return ConnectorHealth.TestResult.ok("X answered; the stream has " + rules.size() + " rule(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorHealth.TestResult.failed("interrupted");
        } catch (Exception e) {
            return ConnectorHealth.TestResult.failed(e.getMessage());
        }
    }

    // --- lifecycle

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        health.started();
        reader = new Thread(this::follow, "x-stream");
        reader.setDaemon(true);
        reader.start();
        watchdog = new Thread(this::watch, "x-stream-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        log.info("Following the X filtered stream at {} ({})", settings.baseUrl(), description());
    }

    @Override
    public synchronized void stop() {
        running = false;
        health.stopped();
        closeQuietly(open);
        wake();
        for (Thread thread : new Thread[] {reader, watchdog}) {
            if (thread == null) continue;
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Connect, catch up, read; on any end, wait as X's reconnection policy says, and again. */
    private void follow() {
        int networkFailures = 0;
        int httpFailures = 0;
        int rateLimited = 0;
        while (running) {
            if (health.isPaused()) {
                sleep(Duration.ofSeconds(1));
                continue;
            }
            Duration wait;
            try {
                boolean heard = breaker.executeCallable(this::connectAndRead);
                if (heard) networkFailures = httpFailures = rateLimited = 0;
                else networkFailures++;
                wait = networkWait(Math.max(1, networkFailures));
            } catch (CallNotPermittedException e) {
                log.warn("X stream: too many failures, waiting before trying again");
                wait = settings.httpBackoffMax();
            } catch (XApi.HttpStatusException e) {
                health.failure(e);
                if (e.status == 429) {
                    wait = exponential(settings.rateLimitBackoffMin(), settings.rateLimitBackoffMax(), ++rateLimited);
                } else {
                    wait = exponential(settings.httpBackoffMin(), settings.httpBackoffMax(), ++httpFailures);
                }
                if (running) log.warn("X stream: {}; reconnecting in {}", e.getMessage(), wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                wait = networkWait(++networkFailures);
                if (running && !health.isPaused()) {
                    health.failure(e);
                    log.warn("X stream dropped: {}; reconnecting in {}", e.toString(), wait);
                }
            }
            if (!running) return;
            sleep(wait);
        }
    }

    Duration networkWait(int attempt) {
        Duration linear = settings.networkBackoffStep().multipliedBy(attempt);
        return linear.compareTo(settings.networkBackoffMax()) > 0 ? settings.networkBackoffMax() : linear;
    }

    static Duration exponential(Duration first, Duration max, int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration d = first.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Answers whether the stream delivered anything (a keep-alive counts) before it ended. */
    private boolean connectAndRead() throws IOException, InterruptedException {
        syncRules();
        InputStream body = api.openStream();
        open = body;
        long opened = System.nanoTime();
        lastHeard = opened;
        try (body) {
            if (health.isPaused()) return true;
            catchUp();
            health.success();
            var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            while (running && !health.isPaused() && (line = lines.readLine()) != null) {
                lastHeard = System.nanoTime();
                handle(line);
            }
        } finally {
            open = null;
        }
        if (running && !health.isPaused()) log.info("X stream ended; reconnecting");
        return lastHeard != opened;
    }

    /** Closes a stream silent for longer than the idle timeout, so that it reconnects. */
    private void watch() {
        long limit = settings.idleTimeout().toNanos();
        while (running) {
            try {
                Thread.sleep(Math.max(50, settings.idleTimeout().toMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
            InputStream stream = open;
            if (stream != null && System.nanoTime() - lastHeard > limit) {
                log.warn("X stream silent for more than {}; reconnecting", settings.idleTimeout());
                closeQuietly(stream);
            }
        }
    }

    /** One line of the stream: a keep-alive, a matched post, or an error object (logged, not fatal). */
    void handle(String line) {
        if (line.isBlank()) return; // keep-alive
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            log.warn("Skipped an X stream line that is not JSON: {}", e.getOriginalMessage());
            return;
        }
        if (node == null || !node.isObject()) return;
        if (node.has("errors")) {
            String errors = XApi.list(node.path("errors")).stream()
                    .map(XConnector::describeError)
                    .collect(Collectors.joining("; "));
            log.warn("X stream reported: {}", errors);
            if (!node.has("data")) health.failure("X stream reported: " + errors);
        }
        if (!node.has("data")) return;
        var batch = tweets.all(node).stream().filter(this::notOwn).toList();
        if (batch.isEmpty()) return;
        String newest = batch.stream().map(XTweets.Tweet::id).max(XTweets.ORDER).orElseThrow();
        store(batch.stream().map(XTweets.Tweet::message).toList(), newest);
    }

    static String describeError(JsonNode error) {
        var parts = new ArrayList<String>();
        for (String field : List.of("title", "disconnect_type", "detail", "type")) {
            String value = XTweets.text(error, field);
            if (value != null && !value.isBlank()) parts.add(value);
        }
        return parts.isEmpty() ? error.toString() : String.join(" — ", parts);
    }

    /** Makes the stream's rules equal to the configured ones, changing nothing when they already are. */
    void syncRules() throws IOException, InterruptedException {
        if (settings.rules().isEmpty()) {
            log.warn("No civicloop.channels.x.rules: the filtered stream keeps the rules it has");
            return;
        }
        Map<String, String> existing = api.rules();
        if (new HashSet<>(existing.keySet()).equals(new HashSet<>(settings.rules()))) return;
        var add =
                settings.rules().stream().filter(r -> !existing.containsKey(r)).toList();
        var remove = existing.entrySet().stream()
                .filter(e -> !settings.rules().contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        if (!add.isEmpty()) {
            JsonNode answer = api.addRules(add);
            long invalid = answer.path("meta").path("summary").path("invalid").asLong(0);
            if (invalid > 0 || answer.has("errors")) {
                String why = XApi.list(answer.path("errors")).stream()
                        .map(XConnector::describeError)
                        .collect(Collectors.joining("; "));
                log.error("X refused stream rules {}: {}", add, why);
                health.failure("X refused stream rules: " + why);
            }
        }
        if (!remove.isEmpty()) api.deleteRules(remove);
        log.info("X stream rules set to {} (added {}, removed {})", settings.rules(), add.size(), remove.size());
    }

    /**
     * Reads what was posted since the newest stored tweet and stores it in one go with the cursor:
     * pages come newest first, so the cursor moves only once every page is in. Without a cursor
     * (first start) only the latest page is read.
     */
    void catchUp() throws IOException, InterruptedException {
        String since = position();
        var found = new LinkedHashMap<String, InboundMessage>();
        String newest = null;
        if (settings.catchUpMentions()) {
            String token = null;
            for (int page = 0; page < settings.catchUpMaxPages(); page++) {
                JsonNode answer = api.mentions(userId(), since, token);
                newest = newer(newest, XTweets.text(answer.path("meta"), "newest_id"));
                tweets.all(answer).stream().filter(this::notOwn).forEach(t -> found.putIfAbsent(t.id(), t.message()));
                token = XTweets.text(answer.path("meta"), "next_token");
                if (token == null || since == null) break;
                if (page == settings.catchUpMaxPages() - 1) warnTruncated();
            }
        }
        if (settings.catchUpSearch()) {
            String query = searchQuery();
            String token = null;
            for (int page = 0; page < settings.catchUpMaxPages(); page++) {
                JsonNode answer = api.searchRecent(query, since, token);
                newest = newer(newest, XTweets.text(answer.path("meta"), "newest_id"));
                tweets.all(answer).stream().filter(this::notOwn).forEach(t -> found.putIfAbsent(t.id(), t.message()));
                token = XTweets.text(answer.path("meta"), "next_token");
                if (token == null || since == null) break;
                if (page == settings.catchUpMaxPages() - 1) warnTruncated();
            }
        }
        if (newest == null) return;
        var batch = new ArrayList<>(found.values());
        batch.sort(Comparator.comparing(InboundMessage::postedAt));
        store(batch, newest);
        if (!batch.isEmpty()) log.info("X catch-up: {} post(s) since {}", batch.size(), since);
    }

    private void warnTruncated() {
        log.warn(
                "X catch-up stopped after {} pages; older posts may be missing (civicloop.channels.x.catch-up-max-pages)",
                settings.catchUpMaxPages());
    }

    /** The rules as one recent-search query, without retweets. */
    String searchQuery() {
        String rules = settings.rules().size() == 1
                ? settings.rules().get(0)
                : settings.rules().stream().map(r -> "(" + r + ")").collect(Collectors.joining(" OR "));
        return "(" + rules + ") -is:retweet";
    }

    private String userId() throws IOException, InterruptedException {
        if (userId == null) userId = api.userId(settings.account());
        return userId;
    }

    /** The city's own posts (its replies) are not resident messages. */
    private boolean notOwn(XTweets.Tweet tweet) {
        return settings.account().isEmpty() || !tweet.authorUsername().equalsIgnoreCase(settings.account());
    }

    /** Stores and moves the cursor to the newest id, never backwards. */
    private synchronized void store(List<InboundMessage> batch, String id) {
        String current = position();
        String next = newer(current, id);
        var receipts = messages.receiveAll(batch, cursorName(), next);
        position = next;
        int created = (int) receipts.stream().filter(r -> r.created()).count();
        health.received(created);
        batch.stream()
                .map(InboundMessage::postedAt)
                .max(Comparator.naturalOrder())
                .ifPresent(t -> health.lag(
                        Duration.between(t, clock.instant()).isNegative()
                                ? Duration.ZERO
                                : Duration.between(t, clock.instant())));
    }

    String cursorName() {
        return id();
    }

    private String position() {
        if (!positionRead) {
            position = messages.cursor(cursorName()).orElse(null);
            positionRead = true;
        }
        return position;
    }

    private static String newer(String a, String b) {
        if (b == null || !XTweets.ID.matcher(b).matches()) return a;
        if (a == null) return b;
        return XTweets.ORDER.compare(b, a) > 0 ? b : a;
    }

    private void sleep(Duration duration) {
        synchronized (sleeper) {
            try {
                sleeper.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void wake() {
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) return;
        try {
            stream.close();
        } catch (IOException e) {
            // closing to reconnect: nothing to do
        }
    }
}
