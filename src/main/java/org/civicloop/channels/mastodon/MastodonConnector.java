package org.civicloop.channels.mastodon;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows the city account's streams on its Mastodon server (server-sent events) and takes in what
 * residents address to the city: mentions (the {@code user} stream's mention notifications, or
 * statuses mentioning the account) and statuses carrying a followed hashtag. Edits replace the
 * text, deletions retract. After every (re)connection it first reads through the REST API what the
 * stream missed, from the connector's cursor, so a dropped stream loses nothing.
 *
 * <p>Cursors: {@code mastodon:<server>} is the last mention notification id, {@code
 * mastodon:<server>#<tag>} the last status id seen on a tag timeline.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.mastodon", name = "enabled", havingValue = "true")
class MastodonConnector implements SmartLifecycle, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(MastodonConnector.class);

    private final MastodonSettings settings;
    private final MessageManagement messages;
    private final MastodonApi api;
    private final StatusMapper mapper;
    private final ObjectMapper json;
    private final CircuitBreaker breaker;
    private final IntervalFunction backoff;
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, InputStream> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastHeard = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final ChannelPauses pauses;
    private final Clock clock;
    private final ConnectorHealth health;
    /** Wakes the readers: on resume, and on stop. */
    private final Object gate = new Object();
    /** Paused by an administrator: streams closed, cursors kept. */
    private volatile boolean paused;
    /** Posting time of the newest status stored, for the lag. */
    private final AtomicReference<Instant> newest = new AtomicReference<>();

    MastodonConnector(MastodonSettings settings, MessageManagement messages, ObjectMapper json) {
        this(settings, messages, json, null, Clock.systemUTC(), null);
    }

    @Autowired
    MastodonConnector(
            MastodonSettings settings,
            MessageManagement messages,
            ObjectMapper json,
            ChannelPauses pauses,
            Clock clock,
            MastodonReplySender replies) {
        this.pauses = pauses;
        this.clock = clock;
        this.health = new ConnectorHealth(clock);
        if (replies != null) replies.reportTo(health);
        if (settings.baseUrl() == null)
            throw new IllegalStateException("civicloop.channels.mastodon.base-url is required");
        this.settings = settings;
        this.messages = messages;
        this.json = json;
        this.api = new MastodonApi(settings, json);
        this.mapper = new StatusMapper(json, settings.instance());
        this.breaker = CircuitBreaker.of(
                "mastodon-stream-" + settings.instance(),
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(6)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.reconnectMax())
                        .build());
        this.backoff = IntervalFunction.ofExponentialBackoff(
                Math.max(1, settings.reconnectMin().toMillis()),
                2.0,
                Math.max(1, settings.reconnectMax().toMillis()));
    }

    /** One stream and how to read what it missed. */
    record Feed(String name, String path, String tag) {
        boolean mentions() {
            return tag == null;
        }
    }

    List<Feed> feeds() {
        var feeds = new ArrayList<Feed>();
        if (settings.streams().contains("user")) feeds.add(new Feed("user", "/api/v1/streaming/user", null));
        if (settings.streams().contains("hashtag")) {
            for (String tag : settings.hashtags()) {
                feeds.add(new Feed("#" + tag, "/api/v1/streaming/hashtag?tag=" + MastodonApi.encode(tag), tag));
            }
        }
        return feeds;
    }

    String cursorName(Feed feed) {
        return "mastodon:" + settings.instance() + (feed.mentions() ? "" : "#" + feed.tag());
    }

    @Override
    public String id() {
        return "mastodon:" + settings.instance();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.MASTODON;
    }

    @Override
    public String description() {
        String account = settings.account().isEmpty() ? "" : "@" + settings.account() + " on ";
        String tags = settings.hashtags().isEmpty()
                ? ""
                : ", tags " + settings.hashtags().stream().map(t -> "#" + t).toList();
        return account + settings.baseUrl() + " (streams " + settings.streams() + tags + ")";
    }

    @Override
    public ConnectorHealth health() {
        Instant latest = newest.get();
        if (latest != null) health.lag(Duration.between(latest, clock.instant()));
        return health;
    }

    /** Closes the streams (the cursors stay) and reads nothing until {@link #resume()}. */
    @Override
    public void pause() {
        paused = true;
        health.paused(true);
        open.values().forEach(MastodonConnector::closeQuietly);
        log.info("Mastodon {} paused", settings.instance());
    }

    /** Reconnects each stream, first reading through the REST API what arrived since its cursor. */
    @Override
    public void resume() {
        paused = false;
        health.paused(false);
        synchronized (gate) {
            gate.notifyAll();
        }
        log.info("Mastodon {} resumed", settings.instance());
    }

    /** {@code GET /api/v1/accounts/verify_credentials}: proves the server is reachable and the token valid. */
    @Override
    public ConnectorHealth.TestResult test() {
        try {
            var response = api.verifyCredentials();
            if (response.statusCode() != 200) {
                return ConnectorHealth.TestResult.failed("verify_credentials answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 ? ": the access token is not accepted" : ""));
            }
            String acct = StatusMapper.text(json.readTree(response.body()), "acct");
            return ConnectorHealth.TestResult.ok("Signed in as @" + acct + " on " + settings.instance());
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return ConnectorHealth.TestResult.failed("Could not reach " + settings.baseUrl() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorHealth.TestResult.failed("Interrupted");
        }
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        if (pauses != null && pauses.isPaused(id())) {
            paused = true;
            health.paused(true);
        }
        health.started();
        for (Feed feed : feeds()) {
            Thread thread = new Thread(() -> follow(feed), "mastodon-" + feed.name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread watchdog = new Thread(this::watch, "mastodon-watchdog");
        watchdog.setDaemon(true);
        threads.add(watchdog);
        watchdog.start();
        log.info(
                "Following Mastodon streams {} on {}",
                feeds().stream().map(Feed::name).toList(),
                settings.instance());
    }

    @Override
    public synchronized void stop() {
        running = false;
        health.stopped();
        synchronized (gate) {
            gate.notifyAll();
        }
        open.values().forEach(MastodonConnector::closeQuietly);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Connect, catch up, read; on any end, wait with a growing backoff and do it again. */
    private void follow(Feed feed) {
        int attempt = 1;
        while (running) {
            try {
                awaitResume();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) return;
            boolean heard = false;
            try {
                heard = breaker.executeCallable(() -> connectAndRead(feed));
            } catch (CallNotPermittedException e) {
                log.warn("Mastodon {} stream held back: too many failures", feed.name());
                health.failure("Circuit open after repeated failures of the " + feed.name() + " stream");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running && !paused) {
                    log.warn("Mastodon {} stream dropped: {}", feed.name(), e.toString());
                    health.failure(e);
                }
            }
            if (!running) return;
            if (paused) {
                attempt = 1;
                continue;
            }
            attempt = heard ? 1 : attempt + 1;
            try {
                synchronized (gate) {
                    // woken early by a resume or a stop
                    gate.wait(backoff.apply(attempt));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitResume() throws InterruptedException {
        synchronized (gate) {
            while (paused && running) gate.wait();
        }
    }

    /** Answers whether the stream delivered anything before it ended (a clean end counts as success). */
    private boolean connectAndRead(Feed feed) throws IOException, InterruptedException {
        InputStream body = api.openStream(feed.path());
        open.put(feed.name(), body);
        var heard = new AtomicLong(System.nanoTime());
        lastHeard.put(feed.name(), heard);
        long opened = heard.get();
        try (body) {
            if (paused) return false;
            catchUp(feed);
            health.success();
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            ServerSentEvents.read(
                    reader,
                    event -> {
                        if (!paused) handle(feed, event);
                    },
                    () -> heard.set(System.nanoTime()));
        } finally {
            open.remove(feed.name(), body);
            lastHeard.remove(feed.name(), heard);
        }
        if (paused) return false;
        log.info("Mastodon {} stream ended; reconnecting", feed.name());
        return heard.get() != opened;
    }

    /** Closes streams silent for longer than the idle timeout (not even a heartbeat), so they reconnect. */
    private void watch() {
        long limit = settings.idleTimeout().toNanos();
        while (running) {
            try {
                Thread.sleep(Math.max(50, settings.idleTimeout().toMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
            lastHeard.forEach((name, heard) -> {
                if (System.nanoTime() - heard.get() > limit) {
                    log.warn("Mastodon {} stream silent too long; reconnecting", name);
                    closeQuietly(open.get(name));
                }
            });
        }
    }

    /** Reads through the REST API what arrived since the cursor, page by page, oldest page first. */
    void catchUp(Feed feed) throws IOException, InterruptedException {
        String connector = cursorName(feed);
        String cursor = position(connector);
        while (running && !paused) {
            List<JsonNode> page = feed.mentions() ? api.mentions(cursor) : api.tagged(feed.tag(), cursor);
            if (page.isEmpty()) return;
            var ids = new ArrayList<String>();
            var batch = new ArrayList<InboundMessage>();
            for (JsonNode item : page) {
                String id = StatusMapper.text(item, "id");
                if (id == null || !StatusMapper.ID.matcher(id).matches()) continue;
                ids.add(id);
                JsonNode status = feed.mentions() ? mentionedStatus(item) : item;
                // a mention notification or the tag's timeline: addressed to the city by definition (the
                // server also matches the tag's other spellings)
                mapper.map(status).filter(this::notOwn).ifPresent(s -> batch.add(s.message()));
            }
            if (ids.isEmpty()) return;
            String newest = ids.stream().max(ORDER).orElseThrow();
            batch.sort(Comparator.comparing(InboundMessage::postedAt));
            store(batch, connector, newest);
            if (cursor == null || page.size() < MastodonApi.PAGE) return;
            cursor = newest;
        }
    }

    void handle(Feed feed, ServerSentEvents.Event event) {
        switch (event.type()) {
            case "update" ->
                mapper.read(event.data())
                        .filter(this::relevant)
                        .filter(this::notOwn)
                        .ifPresent(s -> {
                            if (feed.mentions()) {
                                messages.receive(s.message());
                                health.received(1);
                                newest.accumulateAndGet(
                                        s.message().postedAt(), (a, b) -> a == null || b.isAfter(a) ? b : a);
                            } else store(List.of(s.message()), cursorName(feed), s.id());
                        });
            case "status.update" ->
                mapper.read(event.data())
                        .filter(this::relevant)
                        .filter(this::notOwn)
                        .ifPresent(s -> messages.edit(s.message()));
            case "delete" -> {
                String id = event.data().strip().replace("\"", "");
                if (StatusMapper.ID.matcher(id).matches()) {
                    messages.retract(ChannelKind.MASTODON, mapper.externalId(id), "deleted on Mastodon");
                } else {
                    log.warn("Ignored a Mastodon delete without a valid id");
                }
            }
            case "notification" ->
                notification(event.data()).ifPresent(n -> {
                    String id = StatusMapper.text(n, "id");
                    mapper.map(mentionedStatus(n))
                            .filter(this::notOwn)
                            .ifPresent(s -> store(List.of(s.message()), cursorName(feed), id));
                });
            default -> log.debug("Ignored Mastodon {} event", event.type());
        }
    }

    /** A mention notification with a valid id; anything else is not for the inbox. */
    private Optional<JsonNode> notification(String data) {
        try {
            JsonNode n = json.readTree(data);
            String id = StatusMapper.text(n, "id");
            if (!"mention".equals(StatusMapper.text(n, "type"))
                    || id == null
                    || !StatusMapper.ID.matcher(id).matches()) {
                return Optional.empty();
            }
            return Optional.of(n);
        } catch (JacksonException e) {
            log.warn("Skipped a Mastodon notification that is not JSON: {}", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private static JsonNode mentionedStatus(JsonNode notification) {
        return "mention".equals(StatusMapper.text(notification, "type")) ? notification.path("status") : null;
    }

    /** Addressed to the city: it mentions the city's account or carries a followed hashtag. */
    boolean relevant(StatusMapper.Status status) {
        String account = settings.account().toLowerCase(Locale.ROOT);
        if (!account.isEmpty()
                && (status.mentions().contains(account)
                        || status.mentions().contains(account + "@" + settings.instance()))) return true;
        return status.tags().stream().anyMatch(settings.hashtags()::contains);
    }

    /** The city's own posts (its replies) are not resident messages. */
    private boolean notOwn(StatusMapper.Status status) {
        return settings.account().isEmpty() || !status.authorAcct().equalsIgnoreCase(settings.account());
    }

    /** Stores and moves the cursor, never backwards (events may arrive out of order). */
    private void store(List<InboundMessage> batch, String connector, String id) {
        String current = position(connector);
        String next = current == null || ORDER.compare(id, current) > 0 ? id : current;
        messages.receiveAll(batch, connector, next);
        positions.put(connector, next);
        health.received(batch.size());
        batch.stream()
                .map(InboundMessage::postedAt)
                .filter(java.util.Objects::nonNull)
                .forEach(posted -> newest.accumulateAndGet(posted, (a, b) -> a == null || b.isAfter(a) ? b : a));
    }

    private String position(String connector) {
        return positions.computeIfAbsent(connector, c -> messages.cursor(c).orElse(null));
    }

    /** Mastodon ids are numbers in strings (snowflakes); other servers' ids sort as strings. */
    static final Comparator<String> ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private static void closeQuietly(InputStream stream) {
        if (stream == null) return;
        try {
            stream.close();
        } catch (IOException e) {
            // closing to reconnect: nothing to do
        }
    }
}
