package org.civicloop.triage;

/** How a message resembles an earlier message or an open case. */
public enum DuplicateKind {
    /** Nothing in the window looks like it. */
    NONE,
    /** The same words, once case, accents, punctuation, links and mentions are set aside. */
    EXACT,
    /** Mostly the same words (MinHash estimate of the word-pair Jaccard similarity). */
    NEAR,
    /** Other words, the same meaning (sentence-embedding cosine similarity). */
    SEMANTIC,
    /** The same resident saying again what they said before (same handle, e-mail or phone). */
    REPEAT;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
