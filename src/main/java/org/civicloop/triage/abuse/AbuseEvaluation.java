package org.civicloop.triage.abuse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.text.NaiveBayesBaseline;
import org.civicloop.triage.text.TextClassifier;

/**
 * {@code civicloop eval abuse --train FILE --test FILE}: labels {@code hate}, {@code offensive},
 * {@code neither}; reports the three classes, the binary abusive (hate or offensive) versus not,
 * and the bag-of-words baseline trained on the same file. There is no abuse model shipped yet, so
 * {@code --train} is required.
 */
public final class AbuseEvaluation implements EvaluationTask {

    static final String NOT_ABUSIVE = "neither";

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        if (input.train() == null) {
            throw new IllegalArgumentException("no abuse model is shipped yet: give --train FILE (text,label)");
        }
        var model = TextClassifier.train(input.train(), TextClassifier.Options.defaults());
        var baseline = NaiveBayesBaseline.train(input.train());
        var report = new ClassificationReport();
        var binary = new ClassificationReport();
        var baselineReport = new ClassificationReport();
        var baselineBinary = new ClassificationReport();
        long start = System.nanoTime();
        int done = 0;
        for (var example : input.test()) {
            String predicted = model.predict(example.text()).label();
            report.add(example.label(), predicted);
            binary.add(abusive(example.label()), abusive(predicted));
            progress.done(++done, input.test().size());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        for (var example : input.test()) {
            String predicted = baseline.predict(example.text());
            baselineReport.add(example.label(), predicted);
            baselineBinary.add(abusive(example.label()), abusive(predicted));
        }
        var result = new LinkedHashMap<String, Object>(report.toMap(input.test().size() / seconds));
        result.put("binary", binary.toMap(input.test().size() / seconds));
        result.put(
                "baseline",
                Map.of(
                        "model",
                        "naive Bayes, word unigrams",
                        "classes",
                        baselineReport.toMap(0),
                        "binary",
                        baselineBinary.toMap(0)));
        return result;
    }

    static String abusive(String label) {
        return NOT_ABUSIVE.equalsIgnoreCase(label.strip()) ? "not_abusive" : "abusive";
    }
}
