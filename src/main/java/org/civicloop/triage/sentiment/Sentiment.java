package org.civicloop.triage.sentiment;

/**
 * How positive or negative a text reads, as VADER scores it: {@code compound} is the normalised
 * sum of the valences in [−1, 1] (rounded to 4 decimals), {@code positive}, {@code neutral} and
 * {@code negative} the shares of the text that fall in each class (rounded to 3 decimals, adding up
 * to about 1; all 0 for a text without words).
 */
public record Sentiment(double compound, double positive, double neutral, double negative) {

    /** VADER's standard threshold: a compound of at least this is positive, at most its opposite negative. */
    public static final double THRESHOLD = 0.05;

    public static final Sentiment NONE = new Sentiment(0, 0, 0, 0);

    /** {@code positive}, {@code negative} or {@code neutral} by the standard thresholds (±0.05). */
    public String polarity() {
        if (compound >= THRESHOLD) return "positive";
        if (compound <= -THRESHOLD) return "negative";
        return "neutral";
    }
}
