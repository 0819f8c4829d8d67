package org.civicloop.triage.sentiment;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.CorrelationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.Example;

/**
 * {@code civicloop eval sentiment}: the VADER scorer as shipped (it does not train; {@code --train}
 * only feeds the baseline). Numeric labels (e.g. mean human ratings −4…+4) are compared with the
 * compound score: Pearson's r, Spearman's rho. Labels {@code negative}/{@code neutral}/{@code positive}
 * are compared with the polarity at VADER's standard thresholds (compound ≥ 0.05 positive, ≤ −0.05
 * negative): accuracy, macro-F1, per class, confusion — next to two baselines computed in the same
 * run: the majority class (of {@code --train}, or of the test file itself without one) and a
 * bag-of-words naive Bayes classifier (trained on {@code --train}, or cross-validated on the test file).
 * {@code messages_per_second} is the scorer's throughput on a second, timed pass over the test texts
 * (the first pass warms the JIT up).
 */
public final class SentimentEvaluation implements EvaluationTask {

    private static final List<String> POLARITIES = List.of("negative", "neutral", "positive");

    private final SentimentScorer scorer;

    public SentimentEvaluation() {
        this(SentimentScorer.standard());
    }

    SentimentEvaluation(SentimentScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public String name() {
        return "sentiment";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        List<Example> test = input.test();
        if (test.isEmpty()) throw new IllegalArgumentException("the test file has no examples");
        boolean numeric = test.stream().allMatch(e -> number(e.label()) != null);
        if (!numeric) {
            for (Example e : test) {
                if (!POLARITIES.contains(polarityLabel(e.label()))) {
                    throw new IllegalArgumentException("line " + e.line() + ": the label '" + e.label()
                            + "' is neither a number nor one of " + POLARITIES);
                }
            }
        }
        double[] compounds = new double[test.size()];
        String[] polarities = new String[test.size()];
        for (int i = 0; i < test.size(); i++) {
            Sentiment sentiment = scorer.score(test.get(i).text());
            compounds[i] = sentiment.compound();
            polarities[i] = sentiment.polarity();
            progress.done(i + 1, test.size());
        }
        double perSecond = throughput(test);

        var result = new LinkedHashMap<String, Object>();
        result.put("task", name());
        result.put("model", "VADER (rules of vaderSentiment 3.3.2), lexicon as shipped");
        if (numeric) {
            var report = new CorrelationReport();
            for (int i = 0; i < test.size(); i++) report.add(number(test.get(i).label()), compounds[i]);
            result.putAll(report.toMap(perSecond));
        } else {
            var report = new ClassificationReport();
            for (int i = 0; i < test.size(); i++)
                report.add(polarityLabel(test.get(i).label()), polarities[i]);
            result.put("thresholds", Map.of("positive", "compound >= 0.05", "negative", "compound <= -0.05"));
            result.putAll(report.toMap(perSecond));
            var baselines = new LinkedHashMap<String, Object>();
            baselines.put("majority_class", majorityBaseline(input));
            baselines.put("bag_of_words", bagOfWordsBaseline(input));
            result.put("baselines", baselines);
        }
        return result;
    }

    /** The most frequent label of the training file (or the test file), predicted for every text. */
    private static Map<String, Object> majorityBaseline(Input input) {
        List<Example> source = input.train() != null && !input.train().isEmpty() ? input.train() : input.test();
        var counts = new HashMap<String, Integer>();
        for (Example e : source) counts.merge(polarityLabel(e.label()), 1, Integer::sum);
        String majority = counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
        var report = new ClassificationReport();
        for (Example e : input.test()) report.add(polarityLabel(e.label()), majority);
        var map = new LinkedHashMap<String, Object>();
        map.put("name", "majority class of the " + (source == input.test() ? "test" : "training") + " file");
        map.put("predicts", majority);
        map.put("accuracy", round(report.accuracy()));
        map.put("macro_f1", round(report.macroF1()));
        return map;
    }

    /** Naive Bayes over word counts: trained on --train, or 5-fold cross-validated on the test file. */
    private static Map<String, Object> bagOfWordsBaseline(Input input) {
        boolean trained = input.train() != null && !input.train().isEmpty();
        var report = org.civicloop.triage.text.NaiveBayesBaseline.evaluate(
                input.test(), input.train(), SentimentEvaluation::polarityLabel);
        var map = new LinkedHashMap<String, Object>();
        map.put(
                "name",
                "multinomial naive Bayes on word counts, "
                        + (trained
                                ? "trained on the training file"
                                : org.civicloop.triage.text.NaiveBayesBaseline.FOLDS
                                        + "-fold cross-validation on the test file"));
        map.put("accuracy", round(report.accuracy()));
        map.put("macro_f1", round(report.macroF1()));
        return map;
    }

    /** Texts per second over a timed pass (after the untimed one above); at least 0.5 s of work. */
    private double throughput(List<Example> test) {
        long started = System.nanoTime();
        long scored = 0;
        double sink = 0;
        do {
            for (Example e : test) sink += scorer.score(e.text()).compound();
            scored += test.size();
        } while (System.nanoTime() - started < 500_000_000L);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (Double.isNaN(sink)) throw new IllegalStateException("unreachable");
        return scored / seconds;
    }

    private static String polarityLabel(String label) {
        return label.strip().toLowerCase(Locale.ROOT);
    }

    private static Double number(String label) {
        try {
            double value = Double.parseDouble(label.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }
}
