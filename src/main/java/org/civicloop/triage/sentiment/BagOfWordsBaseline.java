package org.civicloop.triage.sentiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.Example;

/**
 * The simple baseline a learned model has to beat: multinomial naive Bayes over lower-cased word
 * counts (letters and digits; add-one smoothing). Trained on {@code --train} when given, otherwise
 * measured by k-fold cross-validation on the test file (fold = position mod k), so that it never
 * predicts a text it was trained on.
 */
final class BagOfWordsBaseline {

    static final int FOLDS = 5;

    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> documents = new HashMap<>();
    private final Map<String, Integer> words = new HashMap<>();
    private final TreeSet<String> vocabulary = new TreeSet<>();
    private int total;

    void train(String text, String label) {
        var perLabel = counts.computeIfAbsent(label, l -> new HashMap<>());
        documents.merge(label, 1, Integer::sum);
        total++;
        for (String token : tokens(text)) {
            perLabel.merge(token, 1, Integer::sum);
            words.merge(label, 1, Integer::sum);
            vocabulary.add(token);
        }
    }

    String predict(String text) {
        List<String> tokens = tokens(text);
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (String label : new TreeSet<>(documents.keySet())) {
            var perLabel = counts.get(label);
            double denominator = words.getOrDefault(label, 0) + vocabulary.size();
            double score = Math.log(documents.get(label) / (double) total);
            for (String token : tokens) score += Math.log((perLabel.getOrDefault(token, 0) + 1) / denominator);
            if (score > bestScore) {
                bestScore = score;
                best = label;
            }
        }
        return best;
    }

    static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        var current = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '\'') current.append(c);
            else if (!current.isEmpty()) {
                tokens.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) tokens.add(current.toString());
        return tokens;
    }

    /** Trained on {@code train}, or cross-validated on {@code test} when {@code train} is null or empty. */
    static ClassificationReport evaluate(
            List<Example> test, List<Example> train, java.util.function.Function<String, String> label) {
        var report = new ClassificationReport();
        if (train != null && !train.isEmpty()) {
            var model = new BagOfWordsBaseline();
            for (Example e : train) model.train(e.text(), label.apply(e.label()));
            for (Example e : test) report.add(label.apply(e.label()), model.predict(e.text()));
            return report;
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            var model = new BagOfWordsBaseline();
            for (int i = 0; i < test.size(); i++) {
                if (i % FOLDS != fold)
                    model.train(test.get(i).text(), label.apply(test.get(i).label()));
            }
            for (int i = fold; i < test.size(); i += FOLDS) {
                report.add(
                        label.apply(test.get(i).label()),
                        model.predict(test.get(i).text()));
            }
        }
        return report;
    }
}
