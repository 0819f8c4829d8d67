package org.civicloop.triage.abuse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.text.NaiveBayesBaseline;

/**
 * {@code civicloop eval abuse --test FILE [--train FILE]}: labels {@code hate}, {@code offensive},
 * {@code neither}; reports the classes, the binary abusive (hate or offensive) versus not, and a
 * bag-of-words baseline. With {@code --train} a model is trained on that file first and the
 * baseline on the same file; without it the model as shipped answers — the installation's {@code
 * <data>/models/abuse.bin} (built by {@code civicloop triage train-abuse}) when present, otherwise
 * the seed model, whose labels are {@code abusive}/{@code neither} (then only the binary figures
 * mean something) — and the baseline is trained on the project's written examples (the file the
 * shipped model was built from is not at hand; {@code --folds} compares on the same folds).
 */
public final class AbuseEvaluation implements EvaluationTask {

    static final String NOT_ABUSIVE = AbuseClassifier.NOT_ABUSIVE;

    private final Path dataDirectory;

    public AbuseEvaluation() {
        this(AbuseModels.defaultDataDirectory());
    }

    public AbuseEvaluation(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        AbuseClassifier model;
        NaiveBayesBaseline baseline;
        String baselineTrainedOn;
        if (input.train() != null) {
            model = AbuseModels.train(input.train());
            baseline = NaiveBayesBaseline.train(input.train());
            baselineTrainedOn = "--train";
        } else {
            model = AbuseModels.load(dataDirectory);
            var written = AbuseModels.writtenExamples();
            baseline = NaiveBayesBaseline.train(written);
            baselineTrainedOn = "the written examples (" + written.size() + ", abusive as offensive)";
        }
        var report = new ClassificationReport();
        var binary = new ClassificationReport();
        var baselineReport = new ClassificationReport();
        var baselineBinary = new ClassificationReport();
        long start = System.nanoTime();
        int done = 0;
        for (var example : input.test()) {
            var verdict = model.judge(example.text());
            report.add(example.label(), verdict.label());
            binary.add(abusive(example.label()), verdict.abusive() ? "abusive" : "not_abusive");
            progress.done(++done, input.test().size());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        for (var example : input.test()) {
            String predicted = baseline.predict(example.text());
            baselineReport.add(example.label(), predicted);
            baselineBinary.add(abusive(example.label()), abusive(predicted));
        }
        var result = new LinkedHashMap<String, Object>(report.toMap(input.test().size() / seconds));
        result.put("model", input.train() != null ? "trained on --train" : model.version());
        result.put("binary", binary.toMap(input.test().size() / seconds));
        result.put(
                "baseline",
                Map.of(
                        "model",
                        "naive Bayes, word unigrams, trained on " + baselineTrainedOn,
                        "classes",
                        baselineReport.toMap(0),
                        "binary",
                        baselineBinary.toMap(0)));
        return result;
    }

    static String abusive(String label) {
        return AbuseClassifier.abusiveLabel(label) ? "abusive" : "not_abusive";
    }
}
