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
 * @param emergency the danger found, or null
 * @param sentiment VADER compound score in [−1, 1], or null when not scored
 * @param category the city service the message is about, as the machine sees it, or null when
 *     the catalogue has fewer than two services
 */
public record MessageTriage(
        MessageId messageId,
        String language,
        double languageConfidence,
        String redactedText,
        List<PersonalData> personalData,
        String modelVersion,
        Instant triagedAt,
        Emergency emergency,
        Double sentiment,
        Category category) {

    /** A danger to life or property: its hazard code ({@code gas}, {@code fire}, ...) and the words that showed it. */
    public record Emergency(String hazard, String evidence) {}

    /**
     * The machine's answer for the service category.
     *
     * @param service the service code
     * @param confidence 0 to 1
     * @param needsHuman below the configured confidence: staff must choose
     * @param why what made the machine choose: the corrected examples most like the message
     *     ({@code whyKind} = {@code examples}, redacted texts) or the words it shares with the
     *     service's name, description and keywords ({@code words})
     */
    public record Category(String service, double confidence, boolean needsHuman, List<String> why, String whyKind) {
        public Category {
            why = why == null ? List.of() : List.copyOf(why);
        }
    }

    public MessageTriage {
        personalData = List.copyOf(personalData);
    }

    /** Language and personal data only (the first stages). */
    public MessageTriage(
            MessageId messageId,
            String language,
            double languageConfidence,
            String redactedText,
            List<PersonalData> personalData,
            String modelVersion,
            Instant triagedAt) {
        this(
                messageId,
                language,
                languageConfidence,
                redactedText,
                personalData,
                modelVersion,
                triagedAt,
                null,
                null,
                null);
    }

    public boolean hasPersonalData() {
        return !personalData.isEmpty();
    }

    public boolean hasEmergency() {
        return emergency != null;
    }

    /** {@code positive}, {@code negative} or {@code neutral} by VADER's standard thresholds; null when not scored. */
    public String sentimentLabel() {
        if (sentiment == null) return null;
        return new org.civicloop.triage.sentiment.Sentiment(sentiment, 0, 0, 0).polarity();
    }
}
