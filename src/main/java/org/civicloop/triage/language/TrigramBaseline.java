package org.civicloop.triage.language;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation's yardstick, not a detector the application uses: multinomial naive Bayes over
 * character trigrams (Laplace smoothing) of the cleaned, lower-cased text, trained on labelled
 * examples. It knows only the languages it was trained on.
 */
final class TrigramBaseline {

    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> totals = new HashMap<>();
    private final Map<String, Integer> documents = new HashMap<>();
    private final java.util.Set<String> vocabulary = new java.util.HashSet<>();
    private int allDocuments;

    void train(String text, String label) {
        var grams = counts.computeIfAbsent(label, l -> new HashMap<>());
        for (String g : trigrams(text)) {
            grams.merge(g, 1, Integer::sum);
            totals.merge(label, 1, Integer::sum);
            vocabulary.add(g);
        }
        documents.merge(label, 1, Integer::sum);
        allDocuments++;
    }

    String predict(String text) {
        List<String> grams = trigrams(text);
        if (grams.isEmpty() || allDocuments == 0) return DetectedLanguage.UNDETERMINED_CODE;
        String best = DetectedLanguage.UNDETERMINED_CODE;
        double bestScore = Double.NEGATIVE_INFINITY;
        int v = vocabulary.size() + 1;
        for (var label : documents.keySet()) {
            double score = Math.log((double) documents.get(label) / allDocuments);
            var c = counts.getOrDefault(label, Map.of());
            double denominator = totals.getOrDefault(label, 0) + v;
            for (String g : grams) score += Math.log((c.getOrDefault(g, 0) + 1) / denominator);
            if (score > bestScore) {
                bestScore = score;
                best = label;
            }
        }
        return best;
    }

    static List<String> trigrams(String text) {
        String t = " " + LanguageText.clean(text).toLowerCase(Locale.ROOT) + " ";
        var grams = new java.util.ArrayList<String>();
        int[] cps = t.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            if (!Character.isLetter(cps[i + 1])) continue;
            grams.add(new String(cps, i, 3));
        }
        return grams;
    }
}
