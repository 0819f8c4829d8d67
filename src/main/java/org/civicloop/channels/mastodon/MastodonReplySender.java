package org.civicloop.channels.mastodon;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers a resident on Mastodon: a status from the city's account that mentions them (so they are
 * notified) and, when the resident's status is known, is threaded under it. The subject of the
 * outbox message is not used: a status has none. The outbox's
 * idempotency key goes out as {@code Idempotency-Key}: Mastodon keeps it for an hour, so a retry
 * after a crash does not post twice.
 *
 * <p>The recipient is {@code @handle} optionally followed by a space and the external id of the
 * resident's status ({@code @ana@city.social city.social/109348677773283527}), because {@link
 * OutboundMessage} has no field for what is being answered.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.mastodon", name = "enabled", havingValue = "true")
class MastodonReplySender implements ReplySender {

    static final int MAX_LENGTH = 500;
    private static final Pattern HANDLE = Pattern.compile("@?[\\p{L}\\p{N}_.-]{1,100}(@[\\p{L}\\p{N}.:-]{1,253})?");

    private final MastodonSettings settings;
    private final MastodonApi api;
    private final CircuitBreaker breaker;
    private volatile ConnectorHealth health = new ConnectorHealth();

    MastodonReplySender(MastodonSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.api = new MastodonApi(settings, json);
        this.breaker = CircuitBreaker.of(
                "mastodon-replies-" + settings.instance(),
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .ignoreExceptions(MastodonReplyRejectedException.class)
                        .build());
    }

    /** Deliveries count in the connector's health. */
    void reportTo(ConnectorHealth health) {
        this.health = health;
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.MASTODON;
    }

    @Override
    public void send(OutboundMessage message) throws Exception {
        try {
            post(message);
            health.success();
        } catch (MastodonReplyRejectedException e) {
            throw new org.civicloop.replies.PermanentDeliveryException(e.getMessage(), e);
        } catch (Exception e) {
            health.failure("Reply not delivered: " + e.getMessage());
            throw e;
        }
    }

    private void post(OutboundMessage message) throws Exception {
        var form = form(message);
        breaker.executeCallable(() -> {
            var response = api.postStatus(form, message.idempotencyKey());
            int code = response.statusCode();
            if (code >= 200 && code < 300) return null;
            if (code >= 400 && code < 500 && code != 429 && code != 408) {
                throw new MastodonReplyRejectedException(code);
            }
            throw new IOException("Mastodon answered " + code + " to a reply");
        });
    }

    /** The form for {@code POST /api/v1/statuses}. */
    LinkedHashMap<String, String> form(OutboundMessage message) {
        String recipient =
                message.recipient() == null ? "" : message.recipient().strip();
        String[] parts = recipient.split("\\s+", 2);
        if (parts[0].isEmpty() || !HANDLE.matcher(parts[0]).matches()) {
            throw new MastodonReplyRejectedException("no Mastodon handle to answer");
        }
        String handle = parts[0].startsWith("@") ? parts[0] : "@" + parts[0];
        // the outbox names the message answered; older entries carry it in the recipient
        String inReplyTo = message.inReplyTo() != null
                ? statusId(message.inReplyTo().strip())
                : parts.length > 1 ? statusId(parts[1].strip()) : null;

        String body = message.body() == null ? "" : message.body().strip();
        if (!body.startsWith(handle)) body = handle + " " + body;
        if (body.codePointCount(0, body.length()) > MAX_LENGTH) {
            body = body.substring(0, body.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
        }
        var form = new LinkedHashMap<String, String>();
        form.put("status", body);
        form.put("in_reply_to_id", inReplyTo);
        form.put("visibility", settings.visibility());
        return form;
    }

    /** The local id of a status of the city's server, from its external id or the bare id. */
    private String statusId(String reference) {
        String prefix = settings.instance() + "/";
        String id = reference.startsWith(prefix) ? reference.substring(prefix.length()) : reference;
        if (id.contains("/") || !StatusMapper.ID.matcher(id).matches()) {
            throw new MastodonReplyRejectedException("not a status of " + settings.instance() + ": " + reference);
        }
        return id;
    }

    /**
     * The server refused the reply for good (4xx other than 429/408): retrying cannot help, so
     * {@link #send} reports it as a {@link org.civicloop.replies.PermanentDeliveryException}.
     */
    static final class MastodonReplyRejectedException extends RuntimeException {
        MastodonReplyRejectedException(int status) {
            super("Mastodon refused the reply with " + status + "; retrying will not change that");
        }

        MastodonReplyRejectedException(String why) {
            super("Cannot answer on Mastodon: " + why);
        }
    }
}
