package org.civicloop.triage.duplicates;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.triage.duplicates.*}: how alike, how near and how close in time two reports
 * must be to count as one problem.
 *
 * @param enabled whether incoming messages are compared at all
 * @param window how far apart in posting time two reports may be (and how long a message stays in
 *     the in-memory index after it arrived)
 * @param distanceMeters how far apart their places may be, when both are known
 * @param nearSimilarity the MinHash Jaccard estimate (word pairs) from which two texts are "near"
 *     duplicates
 * @param linkSimilarity the cosine similarity with an open case (its text or a reporter's) from
 *     which a message of the same service, within the distance, is attached to it automatically
 * @param suggestSimilarity the cosine similarity from which a message of the same service is
 *     suggested to staff as a reporter of a case (when the evidence is not enough to link it)
 * @param groupSimilarity the cosine similarity from which two recent messages of the same service,
 *     not in a case, are grouped under one theme
 * @param repeatSimilarity the cosine similarity from which a resident's new message, alike their
 *     earlier one, is their own repeat
 * @param autoLink whether confident matches are attached to cases (otherwise only suggested)
 * @param autoLinkWithin messages checked later than this after they arrived (history imports, a
 *     backlog) are suggested, not attached: their source carries its own case links
 * @param maxIndexed at most this many recent messages are held in memory (about 3 KB each: a
 *     384-float vector and a 128-int signature); the oldest go first
 * @param serviceMargin the services a message could be about: the one its text is most similar to
 *     and those within this margin of it (cosine); two reports are "of the same service" when
 *     these sets meet
 */
@ConfigurationProperties("civicloop.triage.duplicates")
public record DuplicateSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("14d") Duration window,
        @DefaultValue("150") double distanceMeters,
        @DefaultValue("0.5") double nearSimilarity,
        @DefaultValue("0.6") double linkSimilarity,
        @DefaultValue("0.5") double suggestSimilarity,
        @DefaultValue("0.65") double groupSimilarity,
        @DefaultValue("0.5") double repeatSimilarity,
        @DefaultValue("true") boolean autoLink,
        @DefaultValue("2m") Duration autoLinkWithin,
        @DefaultValue("20000") int maxIndexed,
        @DefaultValue("0.05") double serviceMargin) {

    public DuplicateSettings {
        if (window.isNegative() || window.isZero())
            throw new IllegalArgumentException("civicloop.triage.duplicates.window must be positive");
        if (distanceMeters <= 0)
            throw new IllegalArgumentException("civicloop.triage.duplicates.distance-meters must be positive");
        for (double t :
                new double[] {nearSimilarity, linkSimilarity, suggestSimilarity, groupSimilarity, repeatSimilarity})
            if (t <= 0 || t > 1)
                throw new IllegalArgumentException("civicloop.triage.duplicates similarities must be in (0, 1]");
        if (maxIndexed < 1) throw new IllegalArgumentException("civicloop.triage.duplicates.max-indexed must be ≥ 1");
        if (serviceMargin < 0 || serviceMargin > 1)
            throw new IllegalArgumentException("civicloop.triage.duplicates.service-margin must be in [0, 1]");
    }

    /** The defaults, for tests and evaluations. */
    public static DuplicateSettings defaults() {
        return new DuplicateSettings(
                true, Duration.ofDays(14), 150, 0.5, 0.6, 0.5, 0.65, 0.5, true, Duration.ofMinutes(2), 20000, 0.05);
    }

    String version() {
        return "duplicates=rules-1/minhash-128x32-word-pairs/%s; window=%s; distance=%.0fm; near=%.2f; link=%.2f;"
                        .formatted(
                                org.civicloop.triage.text.SentenceEmbeddings.modelName(),
                                window,
                                distanceMeters,
                                nearSimilarity,
                                linkSimilarity)
                + " suggest=%.2f; group=%.2f; repeat=%.2f; service-margin=%.2f"
                        .formatted(suggestSimilarity, groupSimilarity, repeatSimilarity, serviceMargin);
    }
}
