/**
 * Sentiment: a VADER scorer following vaderSentiment 3.3.2 ({@link
 * org.civicloop.triage.sentiment.SentimentScorer}), its lexicon (unpacked at build time from Maven
 * Central, with amendments and an emoji list shipped beside it; ADR 0015), and the {@code sentiment}
 * task of {@code civicloop eval}.
 */
package org.civicloop.triage.sentiment;
