package org.civicloop.triage;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.emergency.EmergencyDetector;
import org.civicloop.triage.language.LanguageIdentifier;
import org.civicloop.triage.privacy.PersonalDataRedactor;
import org.civicloop.triage.sentiment.SentimentScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Triages every message when it is received and again when it is edited, stage by stage:
 * <ol>
 *   <li>emergency (rules, microseconds) and language — and when it is an emergency, the resident is
 *       told to call 911 and staff are alerted at once, committed before anything slower runs
 *       ({@link EmergencyResponder});
 *   <li>personal data redacted;
 *   <li>sentiment (VADER compound);
 *   <li>service category from the city's catalogue (sentence embeddings; {@link CategoryStage}).
 * </ol>
 * The result is stored beside the message with the versions that answered; a retracted message's
 * result is deleted. Runs after the message is committed, off the receiving thread; running twice
 * for the same text changes nothing. Logs never contain the text or what was found in it, only
 * types and counts.
 */
@Component
@org.springframework.core.annotation.Order(1)
class MessageTriager implements org.civicloop.triage.TriageStage {

    private static final Logger log = LoggerFactory.getLogger(MessageTriager.class);
    static final String EMERGENCY_VERSION = "emergency=rules-1";
    static final String SENTIMENT_VERSION = "sentiment=vader-3.3.2";

    private final MessageManagement messages;
    private final LanguageIdentifier languages;
    private final PersonalDataRedactor redactor;
    private final EmergencyDetector emergencies = new EmergencyDetector();
    private final SentimentScorer sentiment = SentimentScorer.standard();
    private final EmergencyResponder responder;
    private final CategoryStage categories;
    private final TriageResults results;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String modelVersion;

    MessageTriager(
            MessageManagement messages,
            LanguageIdentifier languages,
            PersonalDataRedactor redactor,
            EmergencyResponder responder,
            CategoryStage categories,
            TriageResults results,
            ApplicationEventPublisher events,
            Clock clock) {
        this.messages = messages;
        this.languages = languages;
        this.redactor = redactor;
        this.responder = responder;
        this.categories = categories;
        this.results = results;
        this.events = events;
        this.clock = clock;
        this.modelVersion = "language=lingua-1.2.2/" + (languages.lowAccuracy() ? "low" : "high") + "/"
                + String.join(",", languages.languages()) + "; personal-data=rules-1/phone-region-"
                + redactor.region() + "; " + EMERGENCY_VERSION + "; " + SENTIMENT_VERSION;
    }

    // Not one transaction around the whole pipeline: the emergency response commits on its own at
    // once, and each store is a single statement; so no connection is held while models run.

    /** The language to answer in: the one identified, else the one the channel gave, else English. */
    static String replyLanguage(LanguageIdentifier languages, Message message) {
        return replyLanguage(languages.identify(message.text() == null ? "" : message.text()), message);
    }

    private static String replyLanguage(org.civicloop.triage.language.DetectedLanguage language, Message message) {
        if (!"und".equals(language.code())) return language.code();
        return message.language() == null || message.language().isBlank() ? "en" : message.language();
    }

    void triage(MessageId id) {
        Message message = messages.find(id).orElse(null);
        if (message == null) return;
        if (message.retracted()) {
            results.delete(id);
            return;
        }
        String text = message.text() == null ? "" : message.text();

        // 1. emergency first: act before anything slower runs
        var emergency = emergencies.detect(text);
        var language = languages.identify(text);
        if (emergency.isPresent() && responder.current(message)) {
            try {
                responder.respond(message, emergency.get(), replyLanguage(language, message));
            } catch (RuntimeException e) {
                // the stored result below still marks it; the listener is retried on restart
                log.error("emergency in message {} could not be acted on", id, e);
                throw e;
            }
        }

        // 2. personal data
        var redaction = redactor.redact(text);
        List<PersonalData> found = redaction.findings().stream()
                .map(f -> new PersonalData(f.type().name().toLowerCase(Locale.ROOT), f.start(), f.end()))
                .toList();

        // 3. sentiment, 4. service category (on the redacted text: its examples are shown to staff)
        double compound = sentiment.score(text).compound();
        MessageTriage.Category category = null;
        try {
            category = categories.classify(redaction.text());
        } catch (RuntimeException e) {
            log.error("message {}: the service category stage failed; stored without a category", id, e);
        }

        var result = new MessageTriage(
                id,
                language.code(),
                language.confidence(),
                redaction.text(),
                found,
                modelVersion + "; " + categories.version(),
                clock.instant(),
                emergency
                        .map(f -> new MessageTriage.Emergency(f.hazard().code(), f.evidence()))
                        .orElse(null),
                compound,
                category);
        boolean stored = results.store(result, text);
        if (stored)
            events.publishEvent(
                    new MessageTriaged(id, emergency.isPresent(), category != null && category.needsHuman()));
        if (log.isDebugEnabled())
            log.debug(
                    "message {} triaged: language {}, {} personal data finding(s), emergency {}, category {}{}",
                    id,
                    language.code(),
                    found.size(),
                    emergency.map(f -> f.hazard().code()).orElse("none"),
                    category == null ? "none" : category.service(),
                    stored ? "" : " (text changed meanwhile, not stored)");
    }

    @Override
    public void received(org.civicloop.shared.MessageId id) {
        triage(id);
    }

    @Override
    public void retracted(org.civicloop.shared.MessageId id) {
        results.delete(id);
    }
}
