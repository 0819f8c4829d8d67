package org.civicloop.channels.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ChannelPauses;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SMS channel as the administrator sees it: the provider's webhook (texts in) and the sender
 * (texts out) share one health. Pausing holds outgoing texts in the outbox; the webhook keeps
 * storing what the provider pushes, since refusing it would lose residents' messages.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.sms.enabled", havingValue = "true")
class SmsConnector implements ChannelConnector, SmartLifecycle {

    private final SmsSettings settings;
    private final ChannelPauses pauses;
    private final ConnectorHealth health;
    private final HttpClient http;
    private volatile boolean running;

    SmsConnector(SmsSettings settings, ChannelPauses pauses, Clock clock) {
        this.settings = settings;
        this.pauses = pauses;
        this.health = new ConnectorHealth(clock);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String id() {
        return "sms";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public String description() {
        String sid = settings.accountSid() == null ? "" : settings.accountSid();
        String account = sid.length() > 8 ? sid.substring(0, 4) + "…" + sid.substring(sid.length() - 4) : sid;
        String sender = SmsSettings.isBlank(settings.messagingServiceSid())
                ? "from " + settings.from()
                : "messaging service " + settings.messagingServiceSid();
        return "Twilio account " + account + ", " + sender + " (" + settings.apiBaseUrl() + ")";
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    /** {@code GET /2010-04-01/Accounts/{sid}.json}: proves the account SID and auth token, sends nothing. */
    @Override
    public ConnectorHealth.TestResult test() {
        try {
            URI uri = URI.create(settings.apiBaseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                    + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + ".json");
            String basic = Base64.getEncoder()
                    .encodeToString(
                            (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
            var response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(settings.requestTimeout())
                            .header("Authorization", "Basic " + basic)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                return ConnectorHealth.TestResult.ok("The provider accepted the account SID and auth token");
            }
            return ConnectorHealth.TestResult.failed("The provider answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? ": wrong account SID or auth token" : ""));
        } catch (IOException | IllegalArgumentException e) {
            return ConnectorHealth.TestResult.failed("Could not reach the provider: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorHealth.TestResult.failed("Interrupted");
        }
    }

    @Override
    public void start() {
        health.paused(pauses.isPaused(id()));
        health.started();
        running = true;
    }

    @Override
    public void stop() {
        health.stopped();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
