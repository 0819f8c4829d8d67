package org.civicloop.channels.x;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ClaimedDeliveries;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.replies.PermanentDeliveryException;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers residents on X: {@code POST /2/tweets} with {@code {"text": …, "reply":
 * {"in_reply_to_tweet_id": …}}} and the city account's OAuth 2.0 user-context token. The reply
 * is threaded under the resident's post (the outbox's {@code inReplyTo}, the tweet id); without
 * one, a post mentioning the resident's {@code @username} (the recipient) is made instead.
 *
 * <p>Posts are limited to 280 characters as X counts them (most Latin text one per character, CJK
 * and emoji two, every link 23). A longer answer is cut before its last link (the public case
 * page, which the outbox's bodies end with) so the link survives.
 *
 * <p>X has no idempotency key: like the SMS sender (ADR 5), each outbox key is claimed in {@code
 * x_delivery} and committed before the call, then marked sent with the tweet id. A retry of a key
 * that was sent, refused, or whose earlier attempt may have reached X (timeout, crash) does not post
 * again. Failures that certainly did not reach X (no connection, circuit open, 429, 5xx) free the
 * key. Any other 4xx is permanent.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.x", name = "enabled", havingValue = "true")
class XReplySender implements ReplySender, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(XReplySender.class);
    static final int MAX_WEIGHT = 280;
    static final int URL_WEIGHT = 23;
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
    private static final Pattern USERNAME = Pattern.compile("@?[A-Za-z0-9_]{1,50}");

    private final XSettings settings;
    private final XApi api;
    private final XDeliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final ConnectorHealth health;

    XReplySender(XSettings settings, XDeliveries deliveries, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.api = new XApi(settings, json);
        this.health = new ConnectorHealth(clock);
        this.health.started();
        this.breaker = CircuitBreaker.of(
                "x-replies",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .ignoreExceptions(Refused.class)
                        .build());
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.X;
    }

    @Override
    public void send(OutboundMessage message) throws Exception {
        if (health.isPaused()) throw new IOException("X replies are paused");
        if (XSettings.isBlank(settings.userAccessToken())) {
            throw new IOException("civicloop.channels.x.user-access-token is not set: X replies wait in the outbox");
        }
        ObjectNode body = body(message);
        String key = message.idempotencyKey();
        var known = deliveries.claim(key, message.inReplyTo());
        if (known.isPresent()) {
            alreadyAttempted(key, known.get());
            return;
        }
        // the claim is committed: from here on, a crash leaves "sending" and the key is never posted again
        try {
            String tweetId = breaker.executeCallable(() -> post(body));
            deliveries.finish(key, "sent", tweetId, null);
            health.success();
        } catch (Refused e) {
            deliveries.finish(key, "refused", null, e.getMessage());
            health.failure(e);
            throw new PermanentDeliveryException(e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            deliveries.finish(key, "retry", null, "circuit open");
            throw new IOException("X failing: circuit open, will retry", e);
        } catch (ConnectException | HttpConnectTimeoutException | NotAccepted e) {
            deliveries.finish(key, "retry", null, e.getMessage());
            health.failure(e);
            throw new IOException("X unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.finish(key, "unknown", null, "interrupted");
            throw new PermanentDeliveryException("Interrupted while posting to X; not posted again", e);
        } catch (Exception e) { // a timeout or broken connection after the request went out included
            deliveries.finish(key, "unknown", null, e.getClass().getSimpleName() + ": " + e.getMessage());
            health.failure(e);
            throw new PermanentDeliveryException("X reply outcome unknown, not posted again: " + e, e);
        }
    }

    private void alreadyAttempted(String key, ClaimedDeliveries.Delivery delivery) throws Exception {
        switch (delivery.status()) {
            case "sent" -> log.debug("X reply {} was posted already ({})", key, delivery.remoteId());
            case "refused" -> throw new PermanentDeliveryException("Refused by X earlier: " + delivery.lastError());
            case "unknown" ->
                throw new PermanentDeliveryException(
                        "An earlier attempt may have been posted; not posted again: " + delivery.lastError());
            default -> {
                Duration inFlight = settings.requestTimeout().plusSeconds(40);
                if (delivery.updatedAt().plus(inFlight).isAfter(clock.instant())) {
                    throw new IOException("Being posted by another worker");
                }
                deliveries.finish(key, "unknown", null, "an attempt did not finish (crash?)");
                throw new PermanentDeliveryException("An interrupted attempt may have been posted; not posted again");
            }
        }
    }

    private String post(ObjectNode body) throws Exception {
        HttpResponse<String> response = api.postTweet(body);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return Optional.ofNullable(json.readTree(response.body()))
                    .map(n -> XTweets.text(n.path("data"), "id"))
                    .orElse(null);
        }
        String what = "X answered HTTP " + status + detail(response.body());
        if (status == 429 || status >= 500) throw new NotAccepted(what);
        throw new Refused(what);
    }

    private String detail(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isBlank() ? "{}" : body);
            String detail = XTweets.text(node, "detail");
            if (detail == null) detail = XTweets.text(node, "title");
            if (detail == null
                    && node.path("errors").isArray()
                    && !node.path("errors").isEmpty()) {
                detail = XTweets.text(node.path("errors").get(0), "message");
            }
            return detail == null ? "" : ": " + detail;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The JSON body of {@code POST /2/tweets} for an outbox message. */
    ObjectNode body(OutboundMessage message) throws PermanentDeliveryException {
        String text = message.body() == null ? "" : message.body().strip();
        String inReplyTo =
                message.inReplyTo() == null ? null : message.inReplyTo().strip();
        if (inReplyTo != null && !XTweets.ID.matcher(inReplyTo).matches()) {
            throw new PermanentDeliveryException("Not an X post id to answer: " + inReplyTo);
        }
        if (inReplyTo == null) {
            String recipient = message.recipient() == null
                    ? ""
                    : message.recipient().strip().split("\\s+")[0];
            if (!USERNAME.matcher(recipient).matches()) {
                throw new PermanentDeliveryException("Nothing to answer on X: no post id and no @username");
            }
            String handle = recipient.startsWith("@") ? recipient : "@" + recipient;
            if (!text.startsWith(handle)) text = handle + " " + text;
        }
        if (text.isEmpty()) throw new PermanentDeliveryException("An empty reply cannot be posted on X");
        ObjectNode body = json.createObjectNode();
        body.put("text", fit(text));
        if (inReplyTo != null) body.putObject("reply").put("in_reply_to_tweet_id", inReplyTo);
        return body;
    }

    /** The text within X's limit: cut before the last link, which is kept, or at the end. */
    static String fit(String text) {
        if (weight(text) <= MAX_WEIGHT) return text;
        String link = null;
        int linkStart = -1;
        Matcher m = URL.matcher(text);
        while (m.find()) {
            link = m.group();
            linkStart = m.start();
        }
        if (link != null) {
            String before = text.substring(0, linkStart).strip();
            String after = text.substring(linkStart + link.length()).strip();
            String tail = " " + link + (after.isEmpty() ? "" : " " + after);
            if (weight(tail) + 1 < MAX_WEIGHT) return cut(before, MAX_WEIGHT - weight(tail)) + tail;
        }
        return cut(text, MAX_WEIGHT);
    }

    /** The longest start of {@code text} that, with an ellipsis, weighs at most {@code max}. */
    private static String cut(String text, int max) {
        var codePoints = text.codePoints().toArray();
        int budget = max - 2; // the ellipsis weighs 2
        var out = new StringBuilder();
        int used = 0;
        for (int cp : codePoints) {
            int w = weight(cp);
            if (used + w > budget) break;
            out.appendCodePoint(cp);
            used += w;
        }
        return out.toString().stripTrailing() + "…";
    }

    /**
     * How X counts a text (twitter-text configuration v3): code points up to U+10FF and some
     * punctuation weigh 1, all others 2; every link weighs 23 whatever its length.
     */
    static int weight(String text) {
        int total = 0;
        Matcher m = URL.matcher(text);
        int last = 0;
        List<int[]> links = new ArrayList<>();
        while (m.find()) links.add(new int[] {m.start(), m.end()});
        for (int[] link : links) {
            total += text.substring(last, link[0])
                    .codePoints()
                    .map(XReplySender::weight)
                    .sum();
            total += URL_WEIGHT;
            last = link[1];
        }
        total += text.substring(last).codePoints().map(XReplySender::weight).sum();
        return total;
    }

    private static int weight(int cp) {
        boolean light = cp <= 0x10FF
                || (cp >= 0x2000 && cp <= 0x200D)
                || (cp >= 0x2010 && cp <= 0x201F)
                || (cp >= 0x2032 && cp <= 0x2037);
        return light ? 1 : 2;
    }

    // --- ChannelConnector

    @Override
    public String id() {
        return "x-replies:" + (settings.account().isEmpty() ? "city" : settings.account());
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.X;
    }

    @Override
    public String description() {
        return "Replies on X" + (settings.account().isEmpty() ? "" : " as @" + settings.account());
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public ConnectorHealth.TestResult test() {
        if (XSettings.isBlank(settings.userAccessToken())) {
            return ConnectorHealth.TestResult.failed("civicloop.channels.x.user-access-token is not set");
        }
        try {
            JsonNode me = api.me();
            return ConnectorHealth.TestResult.ok("Posting as @" + XTweets.text(me.path("data"), "username"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorHealth.TestResult.failed("interrupted");
        } catch (Exception e) {
            return ConnectorHealth.TestResult.failed(e.getMessage());
        }
    }

    /** X refused the post and would refuse it again (a 4xx other than 429). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** X did not take the post now (429, 5xx); it was not created. */
    static final class NotAccepted extends Exception {
        NotAccepted(String message) {
            super(message);
        }
    }
}
