package org.civicloop.channels.sms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * What an incoming text (already proven to come from the provider) means: a STOP / START / HELP
 * keyword changes how the city may text that number; anything else is a resident's message for the
 * inbox, stored once per provider message id.
 *
 * <p>Keywords are recorded in the opt-out tables, not stored as inbox messages: they are
 * instructions to the channel, not something said to the city; in the inbox each would be a "new"
 * message for staff to triage, and a case opened from a "STOP" would send notices to someone who
 * just asked not to get any. The keyword log keeps when and why a number changed state.
 */
@Service
@ConditionalOnProperty(name = "civicloop.channels.sms.enabled", havingValue = "true")
class SmsInbox {

    /** What to answer the provider. */
    sealed interface Answer {
        record Stored(String reference, boolean created) implements Answer {}

        record Keyword(SmsKeyword keyword, boolean optedOut) implements Answer {}

        record Help(String text) implements Answer {}

        record Nothing() implements Answer {}
    }

    private final MessageManagement messages;
    private final SmsOptOuts optOuts;
    private final SmsSettings settings;
    private final Clock clock;
    private final ObjectMapper json;

    SmsInbox(MessageManagement messages, SmsOptOuts optOuts, SmsSettings settings, Clock clock, ObjectMapper json) {
        this.messages = messages;
        this.optOuts = optOuts;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    /** Handles one webhook's form parameters; {@code MessageSid}, {@code From} and {@code Body} are present. */
    @Transactional
    Answer receive(Map<String, List<String>> params) {
        String sid = first(params, "MessageSid").orElseThrow();
        String rawFrom = first(params, "From").orElseThrow();
        String body = first(params, "Body").orElse("");
        String from = PhoneNumbers.e164(rawFrom, settings.defaultCountryCode()).orElse(rawFrom);

        Optional<SmsKeyword> keyword = SmsKeyword.of(body);
        if (keyword.isPresent()) {
            optOuts.record(from, keyword.get(), sid, clock.instant());
            boolean optedOut = optOuts.isOptedOut(from);
            if (keyword.get() == SmsKeyword.HELP) {
                // a number that sent STOP is never texted, not even the help text: START first
                return optedOut ? new Answer.Nothing() : new Answer.Help(settings.helpText());
            }
            return new Answer.Keyword(keyword.get(), optedOut);
        }

        int numMedia = first(params, "NumMedia").map(SmsInbox::count).orElse(0);
        String text = body.strip();
        if (text.isEmpty()) {
            if (numMedia == 0) return new Answer.Nothing();
            // a picture without words: staff see that something came, the links stay in the payload
            text = "[" + numMedia + (numMedia == 1 ? " attachment" : " attachments") + ", not downloaded]";
        }
        var receipt = messages.receive(new InboundMessage(
                ChannelKind.SMS,
                sid,
                // the E.164 number is the only handle SMS has: personal data, shown to staff only
                from,
                null,
                text,
                null,
                clock.instant(),
                null,
                null,
                null,
                null,
                new InboundMessage.Contact(null, from),
                List.of(),
                rawPayload(params, numMedia)));
        return new Answer.Stored(receipt.publicReference(), receipt.created());
    }

    /**
     * Every parameter as received, and the media as links: the photos stay at the provider
     * (fetching them needs the account's credentials and is left to a later step), never downloaded here.
     */
    private String rawPayload(Map<String, List<String>> params, int numMedia) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("provider", "twilio");
        Map<String, Object> fields = new LinkedHashMap<>();
        params.forEach((k, v) -> fields.put(k, v.size() == 1 ? v.get(0) : v));
        raw.put("params", fields);
        List<Map<String, String>> media = new ArrayList<>();
        for (int i = 0; i < Math.min(numMedia, 10); i++) {
            var url = first(params, "MediaUrl" + i);
            if (url.isEmpty()) continue;
            Map<String, String> m = new LinkedHashMap<>();
            m.put("url", url.get());
            first(params, "MediaContentType" + i).ifPresent(t -> m.put("contentType", t));
            media.add(m);
        }
        raw.put("media", media);
        return json.writeValueAsString(raw);
    }

    static Optional<String> first(Map<String, List<String>> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() || values.get(0) == null
                ? Optional.empty()
                : Optional.of(values.get(0));
    }

    private static int count(String s) {
        try {
            return Math.max(0, Math.min(10, Integer.parseInt(s.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
