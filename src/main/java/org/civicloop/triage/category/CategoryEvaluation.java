package org.civicloop.triage.category;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.text.NaiveBayesBaseline;
import org.civicloop.triage.text.SentenceEmbeddings;

/**
 * {@code civicloop eval category [--train FILE] [--services FILE] --test FILE}: the service
 * classifier built from the services' descriptions (zero-shot) and/or the training examples,
 * measured on the test file, next to the naive Bayes baseline trained on the same examples.
 */
public final class CategoryEvaluation implements EvaluationTask {

    @Override
    public String name() {
        return "category";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) throws IOException {
        var services = input.services() == null ? List.<ServiceClassifier.Service>of() : readServices(input.services());
        var train = input.train() == null ? List.<org.civicloop.triage.eval.Example>of() : input.train();
        if (services.isEmpty() && train.isEmpty()) {
            throw new IllegalArgumentException(
                    "category needs the city's services (--services FILE) or examples (--train FILE)");
        }
        var classifier = ServiceClassifier.build(SentenceEmbeddings.shipped(), services, train);
        var report = new ClassificationReport();
        long start = System.nanoTime();
        int done = 0;
        for (var example : input.test()) {
            report.add(example.label(), classifier.classify(example.text()).label());
            progress.done(++done, input.test().size());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        var result = new LinkedHashMap<String, Object>(report.toMap(input.test().size() / seconds));
        result.put("model", SentenceEmbeddings.modelName() + " + n-gram logistic regression");
        if (train.stream().map(e -> e.label()).distinct().count() >= 2) {
            var baseline = NaiveBayesBaseline.train(train);
            var baselineReport = new ClassificationReport();
            input.test().forEach(e -> baselineReport.add(e.label(), baseline.predict(e.text())));
            result.put(
                    "baseline",
                    Map.of(
                            "model",
                            "naive Bayes, word unigrams",
                            "accuracy",
                            ClassificationReportAccess.round(baselineReport.accuracy()),
                            "macro_f1",
                            ClassificationReportAccess.round(baselineReport.macroF1())));
        }
        return result;
    }

    /** A CSV with the columns {@code label} and {@code description} (names case-insensitive). */
    static List<ServiceClassifier.Service> readServices(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder()
                        .setReader(reader)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            var columns = new TreeMap<String, Integer>(String.CASE_INSENSITIVE_ORDER);
            parser.getHeaderMap()
                    .forEach((k, v) -> columns.put(k.replace("\uFEFF", "").strip(), v));
            Integer label = columns.get("label"), description = columns.get("description");
            if (label == null) throw new IllegalArgumentException(file + ": the services file needs a 'label' column");
            var services = new ArrayList<ServiceClassifier.Service>();
            for (var record : parser) {
                String l = record.size() > label ? record.get(label).strip() : "";
                if (l.isEmpty()) continue;
                String d = description != null && record.size() > description ? record.get(description) : "";
                services.add(new ServiceClassifier.Service(l, d));
            }
            return services;
        }
    }

    /** Rounds like the reports do. */
    static final class ClassificationReportAccess {
        static double round(double value) {
            return Math.round(value * 10000.0) / 10000.0;
        }
    }
}
