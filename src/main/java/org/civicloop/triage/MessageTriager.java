package org.civicloop.triage;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageEdited;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageReceived;
import org.civicloop.ingest.MessageRetracted;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.language.LanguageIdentifier;
import org.civicloop.triage.privacy.PersonalDataRedactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Triages every message when it is received and again when it is edited: its language and its
 * text with personal data redacted, stored beside it; a retracted message's result is deleted. Runs after the message is committed, off
 * the receiving thread; running twice for the same text changes nothing. Logs never contain the
 * text or what was found in it, only types and counts.
 */
@Component
class MessageTriager {

    private static final Logger log = LoggerFactory.getLogger(MessageTriager.class);

    private final MessageManagement messages;
    private final LanguageIdentifier languages;
    private final PersonalDataRedactor redactor;
    private final TriageResults results;
    private final Clock clock;
    private final String modelVersion;

    MessageTriager(
            MessageManagement messages,
            LanguageIdentifier languages,
            PersonalDataRedactor redactor,
            TriageResults results,
            Clock clock) {
        this.messages = messages;
        this.languages = languages;
        this.redactor = redactor;
        this.results = results;
        this.clock = clock;
        this.modelVersion = "language=lingua-1.2.2/" + (languages.lowAccuracy() ? "low" : "high") + "/"
                + String.join(",", languages.languages()) + "; personal-data=rules-1/phone-region-"
                + redactor.region();
    }

    @TriageListener
    void on(MessageReceived event) {
        triage(event.messageId());
    }

    @TriageListener
    void on(MessageEdited event) {
        triage(event.messageId());
    }

    /** A retracted message leaves every view: its redacted copy goes too. */
    @TriageListener
    void on(MessageRetracted event) {
        results.delete(event.messageId());
    }

    void triage(MessageId id) {
        Message message = messages.find(id).orElse(null);
        if (message == null) return;
        if (message.retracted()) {
            results.delete(id);
            return;
        }
        String text = message.text() == null ? "" : message.text();
        var language = languages.identify(text);
        var redaction = redactor.redact(text);
        List<PersonalData> found = redaction.findings().stream()
                .map(f -> new PersonalData(f.type().name().toLowerCase(Locale.ROOT), f.start(), f.end()))
                .toList();
        var result = new MessageTriage(
                id, language.code(), language.confidence(), redaction.text(), found, modelVersion, clock.instant());
        boolean stored = results.store(result, text);
        if (log.isDebugEnabled())
            log.debug(
                    "message {} triaged: language {}, {} personal data finding(s){}",
                    id,
                    language.code(),
                    found.size(),
                    stored ? "" : " (text changed meanwhile, not stored)");
    }
}
