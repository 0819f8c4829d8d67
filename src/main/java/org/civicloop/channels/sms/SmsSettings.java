package org.civicloop.channels.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.channels.sms.*}: the SMS channel through a Twilio-compatible provider.
 *
 * @param enabled whether the webhook and the sender exist at all (off by default)
 * @param accountSid the provider account (user name of the REST API's Basic authentication)
 * @param authToken the account's auth token: signs the webhooks and authenticates the REST calls
 * @param from the city's number (E.164) texts are sent from, unless {@code messagingServiceSid} is set
 * @param messagingServiceSid a provider messaging service to send through instead of a single number
 * @param apiBaseUrl the provider's REST API (a test or a compatible provider can point elsewhere)
 * @param publicUrl the externally visible base URL of CivicLoop, as the provider calls it; the
 *     webhook signature covers that URL, which differs from the request URL behind a proxy. Empty:
 *     {@code civicloop.replies.public-url}
 * @param helpText the answer to HELP / INFO
 * @param defaultCountryCode the calling code for numbers written without one (e.g. "1" for the US)
 * @param connectTimeout how long to wait for a connection to the provider
 * @param requestTimeout how long to wait for the provider's answer
 */
@ConfigurationProperties("civicloop.channels.sms")
public record SmsSettings(
        @DefaultValue("false") boolean enabled,
        String accountSid,
        String authToken,
        String from,
        String messagingServiceSid,
        @DefaultValue("https://api.twilio.com") String apiBaseUrl,
        String publicUrl,

        @DefaultValue(
                "City services by text: send us what you see (a photo helps). Reply STOP to stop texts, START to resume.")
        String helpText,

        @DefaultValue("1") String defaultCountryCode,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout) {

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
