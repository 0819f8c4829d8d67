package org.civicloop.triage.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.civicloop.triage.eval.Example;

/**
 * The bag-of-words baseline every triage figure is reported next to: multinomial naive Bayes over
 * lower-cased word unigrams with add-one smoothing. Deliberately plain.
 */
public final class NaiveBayesBaseline {

    private final List<String> labels;
    private final double[] logPrior;
    private final List<Map<String, Double>> logLikelihood;
    private final double[] unseen;

    private NaiveBayesBaseline(
            List<String> labels, double[] logPrior, List<Map<String, Double>> logLikelihood, double[] unseen) {
        this.labels = labels;
        this.logPrior = logPrior;
        this.logLikelihood = logLikelihood;
        this.unseen = unseen;
    }

    public static NaiveBayesBaseline train(List<Example> examples) {
        var labels = new ArrayList<>(
                new TreeSet<>(examples.stream().map(Example::label).toList()));
        int k = labels.size();
        var counts = new ArrayList<Map<String, Integer>>();
        for (int c = 0; c < k; c++) counts.add(new HashMap<>());
        var docs = new int[k];
        var totals = new long[k];
        var vocabulary = new java.util.HashSet<String>();
        for (var example : examples) {
            int c = labels.indexOf(example.label());
            docs[c]++;
            for (String token : TextFeatures.tokens(example.text())) {
                counts.get(c).merge(token, 1, Integer::sum);
                totals[c]++;
                vocabulary.add(token);
            }
        }
        var logPrior = new double[k];
        var unseen = new double[k];
        var likelihood = new ArrayList<Map<String, Double>>();
        for (int c = 0; c < k; c++) {
            logPrior[c] = Math.log((double) docs[c] / examples.size());
            double denominator = totals[c] + vocabulary.size();
            unseen[c] = Math.log(1 / denominator);
            var map = new HashMap<String, Double>();
            counts.get(c).forEach((token, n) -> map.put(token, Math.log((n + 1) / denominator)));
            likelihood.add(map);
        }
        return new NaiveBayesBaseline(List.copyOf(labels), logPrior, likelihood, unseen);
    }

    /** How many folds {@link #evaluate} cross-validates with when there is no training file. */
    public static final int FOLDS = 5;

    /**
     * The baseline's report on {@code test}: trained on {@code train}, or, when there is none,
     * cross-validated on {@code test} itself (fold = position mod {@link #FOLDS}), so that it never
     * predicts a text it was trained on. {@code label} maps file labels to classes.
     */
    public static org.civicloop.triage.eval.ClassificationReport evaluate(
            List<Example> test, List<Example> train, java.util.function.Function<String, String> label) {
        var report = new org.civicloop.triage.eval.ClassificationReport();
        java.util.function.Function<Example, Example> relabel = e -> new Example(e.text(), label.apply(e.label()));
        if (train != null && !train.isEmpty()) {
            var model = train(train.stream().map(relabel).toList());
            for (Example e : test) report.add(label.apply(e.label()), model.predict(e.text()));
            return report;
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            var training = new ArrayList<Example>();
            for (int i = 0; i < test.size(); i++) if (i % FOLDS != fold) training.add(relabel.apply(test.get(i)));
            var model = train(training);
            for (int i = fold; i < test.size(); i += FOLDS) {
                report.add(
                        label.apply(test.get(i).label()),
                        model.predict(test.get(i).text()));
            }
        }
        return report;
    }

    public String predict(String text) {
        var tokens = TextFeatures.tokens(text);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < labels.size(); c++) {
            double score = logPrior[c];
            for (String token : tokens) score += logLikelihood.get(c).getOrDefault(token, unseen[c]);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return labels.get(best);
    }
}
