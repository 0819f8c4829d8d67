package org.civicloop.triage.sentiment;

import java.util.HashMap;
import java.util.Set;

/**
 * The scorer set up as the npm package vader-sentiment 1.1.3 scores: its older rules
 * ({@link SentimentScorer.Edition#NPM_1_1_3}) and its lexicon edition, which is 3.3.2's without
 * {@code heart}, {@code hearts}, {@code flawed} and with {@code badass} at −0.6.
 */
final class NpmPort {

    private NpmPort() {}

    static SentimentScorer scorer() {
        var shipped = VaderLexicon.shipped();
        var valences = new HashMap<>(shipped.valences());
        valences.keySet().removeAll(Set.of("heart", "hearts", "flawed"));
        valences.put("badass", -0.6);
        return new SentimentScorer(new VaderLexicon(valences, shipped.emoji()), SentimentScorer.Edition.NPM_1_1_3);
    }
}
