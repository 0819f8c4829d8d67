package org.civicloop.channels.sms;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civicloop.channels.ClaimedDeliveries;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Texts residents through the provider's REST API ({@code POST
 * {base}/2010-04-01/Accounts/{AccountSid}/Messages.json}, form fields To, From or
 * MessagingServiceSid, Body; HTTP Basic authentication with the account SID and auth token).
 *
 * <p>Three promises, in this order:
 *
 * <ol>
 *   <li><b>A number that opted out is never texted.</b> The opt-out table is read right before
 *       the call; an opted-out number is a permanent refusal. (The window between that read and the
 *       provider accepting the request is milliseconds; a STOP the provider saw first comes back as
 *       its error 21610, which is recorded as an opt-out here too.)
 *   <li><b>An outbox message is texted at most once.</b> The provider has no idempotency key, so
 *       the key is claimed in {@code sms_delivery} and <em>committed before</em> the call, then
 *       marked sent after it. Crash window: if the process dies after the provider accepted the
 *       text but before "sent" is written (or the outbox's own transaction commits), the claim is
 *       still there as {@code sending}; the redelivered outbox message then finds it, cannot know
 *       whether the text went out, and does <em>not</em> send again (status {@code unknown}). The
 *       alternative order (record after the call) would text the resident twice in the same window.
 *       We choose a possibly lost notice over a duplicate text; the outbox shows it as failed.
 *   <li><b>No retrying what cannot succeed.</b> Answers the provider will repeat (400-class errors
 *       such as an invalid or unsubscribed number) are permanent ({@link
 *       SmsNotSentException#permanent()}), remembered in {@code sms_delivery}, and later attempts of
 *       the same key are refused without calling the provider. Failures that certainly did not reach
 *       it (no connection, circuit open, 429, 5xx) free the key for the next attempt.
 * </ol>
 *
 * A Resilience4j circuit breaker stops calling a provider that keeps failing (ADR 4).
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.sms.enabled", havingValue = "true")
class TwilioSmsSender implements ReplySender {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);
    /** Twilio's limit on a message body. */
    static final int MAX_BODY = 1600;
    /** Twilio: "Attempt to send to unsubscribed recipient". */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private final SmsSettings settings;
    private final SmsOptOuts optOuts;
    private final SmsDeliveries deliveries;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final URI endpoint;
    private final String authorization;

    private final ConnectorHealth health;

    TwilioSmsSender(
            SmsSettings settings,
            SmsOptOuts optOuts,
            SmsDeliveries deliveries,
            Clock clock,
            ObjectMapper json,
            SmsConnector connector) {
        this.health = connector.health();
        if (SmsSettings.isBlank(settings.accountSid()) || SmsSettings.isBlank(settings.authToken())) {
            throw new IllegalStateException(
                    "civicloop.channels.sms.account-sid and civicloop.channels.sms.auth-token are required when the SMS channel is enabled");
        }
        if (SmsSettings.isBlank(settings.from()) && SmsSettings.isBlank(settings.messagingServiceSid())) {
            throw new IllegalStateException(
                    "civicloop.channels.sms.from or civicloop.channels.sms.messaging-service-sid is required when the SMS channel is enabled");
        }
        this.settings = settings;
        this.optOuts = optOuts;
        this.deliveries = deliveries;
        this.clock = clock;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.breaker = CircuitBreaker.of(
                "sms-provider",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        // a number the provider refuses says nothing about the provider's health
                        .ignoreExceptions(PermanentProviderAnswer.class)
                        .build());
        this.endpoint = URI.create(settings.apiBaseUrl().replaceAll("/+$", "")
                + "/2010-04-01/Accounts/"
                + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8)
                + "/Messages.json");
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.SMS;
    }

    @Override
    public void send(OutboundMessage message) throws SmsNotSentException {
        String key = message.idempotencyKey();
        Optional<String> to = PhoneNumbers.e164(message.recipient(), settings.defaultCountryCode());
        var known = deliveries.claim(key, to.orElse("invalid"));
        if (known.isPresent()) {
            alreadyAttempted(key, known.get());
            return;
        }
        // the claim is committed: from here on, a crash leaves "sending" and the key is never texted again
        if (to.isEmpty()) {
            deliveries.finish(key, "refused", null, "not a phone number");
            throw new SmsNotSentException("Recipient is not a phone number", true);
        }
        if (optOuts.isOptedOut(to.get())) {
            deliveries.finish(key, "refused", null, "recipient opted out (STOP)");
            throw new SmsNotSentException("Recipient opted out of texts (STOP): not sent", true);
        }
        try {
            String sid = breaker.executeCallable(() -> post(to.get(), message.body()));
            deliveries.finish(key, "sent", sid, null);
            health.success();
        } catch (PermanentProviderAnswer e) {
            // the provider answered: refusing one number says nothing about the channel's health
            health.success();
            deliveries.finish(key, "refused", null, e.getMessage());
            if (e.code == UNSUBSCRIBED_RECIPIENT) {
                optOuts.recordProviderOptOut(to.get(), clock.instant(), "provider error 21610: unsubscribed");
            }
            throw new SmsNotSentException(e.getMessage(), true, e);
        } catch (CallNotPermittedException e) {
            health.failure("Provider failing: circuit open");
            deliveries.finish(key, "retry", null, "circuit open");
            throw new SmsNotSentException("SMS provider failing: circuit open, will retry", false, e);
        } catch (ConnectException | HttpConnectTimeoutException | TransientProviderAnswer e) {
            // certainly not accepted by the provider: the key is free for the next attempt
            health.failure(e);
            deliveries.finish(key, "retry", null, e.getMessage());
            throw new SmsNotSentException("SMS provider unavailable: " + e.getMessage(), false, e);
        } catch (IOException e) { // HttpTimeoutException included
            // the request may have reached the provider: sending again could text twice
            health.failure(e);
            deliveries.finish(key, "unknown", null, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw new SmsNotSentException("SMS outcome unknown, not resent: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.finish(key, "unknown", null, "interrupted");
            throw new SmsNotSentException("Interrupted while sending", true, e);
        } catch (Exception e) {
            health.failure(e);
            deliveries.finish(key, "unknown", null, e.toString());
            throw new SmsNotSentException("SMS outcome unknown, not resent: " + e, true, e);
        }
    }

    /** A key seen before: sent already, refused, or possibly sent by an attempt that did not finish. */
    private void alreadyAttempted(String key, ClaimedDeliveries.Delivery delivery) throws SmsNotSentException {
        switch (delivery.status()) {
            case "sent" -> log.debug("SMS {} was sent already ({})", key, delivery.remoteId());
            case "refused" -> throw new SmsNotSentException("Refused earlier: " + delivery.lastError(), true);
            case "unknown" ->
                throw new SmsNotSentException(
                        "An earlier attempt may have been sent; not resent: " + delivery.lastError(), true);
            default -> {
                // "sending": another worker is in the call right now, or a worker died during it
                Duration inFlight = settings.connectTimeout()
                        .plus(settings.requestTimeout())
                        .plusSeconds(30);
                if (delivery.updatedAt().plus(inFlight).isAfter(clock.instant())) {
                    throw new SmsNotSentException("Being sent by another worker", false);
                }
                deliveries.finish(key, "unknown", null, "an attempt did not finish (crash?)");
                throw new SmsNotSentException("An interrupted attempt may have been sent; not resent", true);
            }
        }
    }

    private String post(String to, String body) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        if (!SmsSettings.isBlank(settings.messagingServiceSid())) {
            form.put("MessagingServiceSid", settings.messagingServiceSid());
        } else {
            form.put("From", settings.from());
        }
        form.put("Body", body.length() > MAX_BODY ? body.substring(0, MAX_BODY - 1) + "…" : body);
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return field(response.body(), "sid").orElse(null);
        }
        int code = field(response.body(), "code").map(TwilioSmsSender::toInt).orElse(0);
        String what = "HTTP " + status + (code == 0 ? "" : " error " + code)
                + field(response.body(), "message").map(m -> ": " + m).orElse("");
        // 401/403/404: wrong account SID or token — fixable by configuration, so retried (and counted
        // against the provider by the circuit breaker); 408/429/5xx: the provider's moment
        if (status == 401 || status == 403 || status == 404 || status == 408 || status == 429 || status >= 500) {
            throw new TransientProviderAnswer(what);
        }
        throw new PermanentProviderAnswer(what, code);
    }

    private Optional<String> field(String body, String name) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int toInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The provider refused the message, and would refuse it again. */
    static final class PermanentProviderAnswer extends Exception {
        final int code;

        PermanentProviderAnswer(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    /** The provider could not take the message now; it did not accept it. */
    static final class TransientProviderAnswer extends Exception {
        TransientProviderAnswer(String message) {
            super(message);
        }
    }
}
