package org.civicloop.channels.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The provider's incoming-message webhook ({@code POST /channels/sms/twilio}, form-encoded,
 * Twilio's field names). Only requests signed with the account's auth token are heard: the
 * signature covers the URL the provider called, which is {@code civicloop.channels.sms.public-url}
 * plus this path (behind a proxy the request URL seen here differs), and every POST parameter.
 * Answers TwiML: empty, or the help text for HELP.
 */
@RestController
@ConditionalOnProperty(name = "civicloop.channels.sms.enabled", havingValue = "true")
class TwilioWebhookController {

    static final String PATH = "/channels/sms/twilio";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final SmsInbox inbox;
    private final TwilioSignature signature;
    private final String publicBase;
    private final SmsConnector connector;

    TwilioWebhookController(
            SmsInbox inbox,
            SmsSettings settings,
            SmsConnector connector,
            @Value("${civicloop.replies.public-url:}") String sitePublicUrl) {
        this.connector = connector;
        if (SmsSettings.isBlank(settings.authToken())) {
            throw new IllegalStateException(
                    "civicloop.channels.sms.auth-token is required when the SMS channel is enabled");
        }
        this.inbox = inbox;
        this.signature = new TwilioSignature(settings.authToken());
        String base = SmsSettings.isBlank(settings.publicUrl()) ? sitePublicUrl : settings.publicUrl();
        this.publicBase = base == null ? "" : base.strip().replaceAll("/+$", "");
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> receive(HttpServletRequest request) {
        String query = request.getQueryString();
        String url = (publicBase.isEmpty() ? request.getRequestURL().toString() : publicBase + PATH)
                + (query == null ? "" : "?" + query);
        Map<String, List<String>> params = bodyParameters(request);
        if (!signature.isValid(url, params, request.getHeader("X-Twilio-Signature"))) {
            log.warn("SMS webhook refused: missing or invalid X-Twilio-Signature (signed URL checked: {})", url);
            connector.health().failure("Webhook refused: missing or invalid X-Twilio-Signature");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        for (String required : List.of("MessageSid", "From", "Body")) {
            if (SmsInbox.first(params, required).isEmpty()) {
                return ResponseEntity.badRequest()
                        .contentType(MediaType.TEXT_PLAIN)
                        .body("Missing " + required);
            }
        }
        if (SmsInbox.first(params, "MessageSid").orElseThrow().isBlank()
                || SmsInbox.first(params, "From").orElseThrow().isBlank()) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("Blank MessageSid or From");
        }
        SmsInbox.Answer answer;
        try {
            answer = inbox.receive(params);
        } catch (RuntimeException e) {
            connector.health().failure(e);
            throw e;
        }
        connector.health().received(answer instanceof SmsInbox.Answer.Stored stored && stored.created() ? 1 : 0);
        String twiml = answer instanceof SmsInbox.Answer.Help help
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + HtmlUtils.htmlEscape(help.text(), "UTF-8")
                        + "</Message></Response>"
                : EMPTY;
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml);
    }

    /**
     * The POST body's parameters only: the servlet container merges the query string's parameters
     * (first) with the body's, but the signature covers the query string as part of the URL.
     */
    static Map<String, List<String>> bodyParameters(HttpServletRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, new ArrayList<>(List.of(values))));
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                List<String> values = params.get(name);
                if (values != null) {
                    values.remove(value);
                    if (values.isEmpty()) params.remove(name);
                }
            }
        }
        return params;
    }
}
