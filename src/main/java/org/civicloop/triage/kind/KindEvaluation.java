package org.civicloop.triage.kind;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicloop.triage.abuse.AbuseModels;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.NaiveBayesBaseline;

/**
 * {@code civicloop eval kind --test FILE [--train FILE]}: labels are the nine kinds ({@code
 * service_request}, {@code question}, {@code opinion}, {@code complaint}, {@code praise}, {@code
 * emergency}, {@code abuse}, {@code spam}, {@code off_topic}). Measures the whole kind stage
 * (emergency rules, then the abuse classifier, then the kind model), the kind model alone, and a
 * naive Bayes baseline, all in one run. Without {@code --train} the kind model is the shipped one
 * (trained on the project's written examples) and the baseline is trained on the same examples;
 * with it both are trained on that file. The abuse classifier is the installation's ({@code
 * <data>/models/abuse.bin}) when built; otherwise, with {@code --train}, one trained on that file's
 * {@code abuse} examples against the rest, and without it the seed model; the JSON names it.
 */
public final class KindEvaluation implements EvaluationTask {

    private final Path dataDirectory;

    public KindEvaluation() {
        this(AbuseModels.defaultDataDirectory());
    }

    public KindEvaluation(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String name() {
        return "kind";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        // a built abuse model when there is one; otherwise, with --train, one trained on that file's
        // abuse examples (so that no model has seen the test messages), else the seed model
        var abuse = !AbuseModels.built(dataDirectory) && input.train() != null
                ? AbuseModels.fromKinds(input.train())
                : AbuseModels.load(dataDirectory);
        List<Example> trainedOn = input.train() != null ? input.train() : KindExamples.shipped();
        var classifier =
                input.train() != null ? KindClassifier.train(input.train(), abuse) : KindClassifier.shipped(abuse);
        var baseline = NaiveBayesBaseline.train(trainedOn);
        var report = new ClassificationReport();
        var alone = new ClassificationReport();
        var baselineReport = new ClassificationReport();
        long start = System.nanoTime();
        int done = 0;
        for (var example : input.test()) {
            report.add(
                    example.label(), classifier.classify(example.text()).kind().code());
            progress.done(++done, input.test().size());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        for (var example : input.test()) {
            alone.add(
                    example.label(), classifier.model().predict(example.text()).label());
            baselineReport.add(example.label(), baseline.predict(example.text()));
        }
        var result = new LinkedHashMap<String, Object>(report.toMap(input.test().size() / seconds));
        result.put("model", classifier.version());
        result.put(
                "trained_on",
                input.train() != null
                        ? "--train (" + trainedOn.size() + ")"
                        : "shipped examples (" + trainedOn.size() + ")");
        result.put("kind_model_alone", alone.toMap(0));
        result.put(
                "baseline",
                Map.of(
                        "model",
                        "naive Bayes, word unigrams, same training examples",
                        "classes",
                        baselineReport.toMap(0)));
        return result;
    }
}
