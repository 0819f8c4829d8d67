package org.civicloop.triage;

import java.time.Instant;
import java.util.List;
import org.civicloop.shared.MessageId;

/**
 * What triage understood of one message.
 *
 * @param language ISO 639-1 code, or {@code und} when the text cannot tell
 * @param languageConfidence 0 (a toss-up) to 1 (no other configured language possible)
 * @param redactedText the text with personal data replaced by placeholders such as {@code [phone]}:
 *     what public pages and roles without access to personal data may show
 * @param personalData what was redacted, where
 * @param modelVersion the models and settings that answered
 */
public record MessageTriage(
        MessageId messageId,
        String language,
        double languageConfidence,
        String redactedText,
        List<PersonalData> personalData,
        String modelVersion,
        Instant triagedAt) {

    public MessageTriage {
        personalData = List.copyOf(personalData);
    }

    public boolean hasPersonalData() {
        return !personalData.isEmpty();
    }
}
