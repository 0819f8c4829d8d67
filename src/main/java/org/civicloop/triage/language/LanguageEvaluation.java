package org.civicloop.triage.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.Example;

/**
 * {@code civicloop eval language}: the shipped {@link LanguageIdentifier} (the twelve default
 * languages unless {@code CIVICLOOP_TRIAGE_LANGUAGES} says otherwise, high-accuracy mode) on the test file, labels read as ISO 639-1 ({@link
 * LanguageLabels}); the same figures on the texts of at least five words ({@link LanguageText#words});
 * Lingua's low-accuracy mode on the same texts, to show what it would cost; and a character-trigram
 * naive Bayes baseline trained on {@code --train} or, without it, cross-validated in five folds on
 * the test file itself. Lingua is not trained: {@code --train} only feeds the baseline.
 * {@code labels_outside_languages} counts the test texts labelled with a language the identifier
 * does not know (they can only be misses).
 */
public final class LanguageEvaluation implements EvaluationTask {

    static final int LONG_TEXT_WORDS = 5;
    static final int FOLDS = 5;

    private final List<String> languages;

    /**
     * The default languages, or those of the system property {@code civicloop.triage.languages}
     * or the environment variable {@code CIVICLOOP_TRIAGE_LANGUAGES} (comma-separated codes).
     */
    public LanguageEvaluation() {
        this(configuredLanguages());
    }

    static List<String> configuredLanguages() {
        String configured =
                System.getProperty("civicloop.triage.languages", System.getenv("CIVICLOOP_TRIAGE_LANGUAGES"));
        if (configured == null || configured.isBlank()) return LanguageIdentifier.DEFAULT_LANGUAGES;
        return java.util.Arrays.stream(configured.split(","))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    LanguageEvaluation(List<String> languages) {
        this.languages = List.copyOf(languages);
    }

    @Override
    public String name() {
        return "language";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        List<Example> test = normalized(input.test());
        List<Example> train = input.train() == null ? null : normalized(input.train());
        long total = 3L * test.size();
        long[] done = {0};
        Runnable step = () -> {
            done[0]++;
            if (done[0] % 50 == 0 || done[0] == total) progress.done(done[0], total);
        };

        var high = run(new LanguageIdentifier(languages, false), test, step);
        var low = run(new LanguageIdentifier(languages, true), test, step);
        var baseline = baseline(test, train, step);

        var result = new LinkedHashMap<String, Object>(high.all().toMap(high.perSecond()));
        result.put("model", "lingua 1.2.2, high accuracy, languages " + languages);
        result.put("at_least_five_words", summary(high.longTexts()));
        result.put("undetermined", high.undetermined());
        var known = new LanguageIdentifier(languages, false).languages();
        result.put(
                "labels_outside_languages",
                test.stream()
                        .filter(e ->
                                !known.contains(e.label()) && !e.label().equals(DetectedLanguage.UNDETERMINED_CODE))
                        .count());
        var lowMap = new LinkedHashMap<String, Object>();
        lowMap.put("accuracy", round(low.all().accuracy()));
        lowMap.put("macro_f1", round(low.all().macroF1()));
        lowMap.put("at_least_five_words", summary(low.longTexts()));
        lowMap.put("messages_per_second", round(low.perSecond()));
        result.put("low_accuracy_mode", lowMap);
        result.put("baseline", baseline);
        return result;
    }

    private record Run(ClassificationReport all, ClassificationReport longTexts, int undetermined, double perSecond) {}

    private static Run run(LanguageIdentifier identifier, List<Example> test, Runnable step) {
        identifier.warmUp();
        var all = new ClassificationReport();
        var longTexts = new ClassificationReport();
        int undetermined = 0;
        long start = System.nanoTime();
        for (Example e : test) {
            String predicted = identifier.identify(e.text()).code();
            if (predicted.equals(DetectedLanguage.UNDETERMINED_CODE)) undetermined++;
            all.add(e.label(), predicted);
            if (LanguageText.words(e.text()) >= LONG_TEXT_WORDS) longTexts.add(e.label(), predicted);
            step.run();
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return new Run(all, longTexts, undetermined, test.size() / seconds);
    }

    private static Map<String, Object> baseline(List<Example> test, List<Example> train, Runnable step) {
        var all = new ClassificationReport();
        var longTexts = new ClassificationReport();
        String method;
        if (train != null) {
            method = "character-trigram naive Bayes trained on the --train file";
            var model = new TrigramBaseline();
            train.forEach(e -> model.train(e.text(), e.label()));
            for (Example e : test) {
                score(model.predict(e.text()), e, all, longTexts);
                step.run();
            }
        } else {
            method = "character-trigram naive Bayes, " + FOLDS + "-fold cross-validation on the test file";
            for (int fold = 0; fold < FOLDS; fold++) {
                var model = new TrigramBaseline();
                for (int i = 0; i < test.size(); i++)
                    if (i % FOLDS != fold)
                        model.train(test.get(i).text(), test.get(i).label());
                for (int i = fold; i < test.size(); i += FOLDS) {
                    score(model.predict(test.get(i).text()), test.get(i), all, longTexts);
                    step.run();
                }
            }
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("method", method);
        map.put("accuracy", round(all.accuracy()));
        map.put("macro_f1", round(all.macroF1()));
        map.put("at_least_five_words", summary(longTexts));
        return map;
    }

    private static void score(String predicted, Example e, ClassificationReport all, ClassificationReport longTexts) {
        all.add(e.label(), predicted);
        if (LanguageText.words(e.text()) >= LONG_TEXT_WORDS) longTexts.add(e.label(), predicted);
    }

    private static Map<String, Object> summary(ClassificationReport report) {
        var map = new LinkedHashMap<String, Object>();
        map.put("examples", report.size());
        map.put("accuracy", round(report.accuracy()));
        map.put("macro_f1", round(report.macroF1()));
        return map;
    }

    private static List<Example> normalized(List<Example> examples) {
        var out = new ArrayList<Example>(examples.size());
        for (Example e : examples) out.add(new Example(e.text(), LanguageLabels.normalize(e.label()), e.line()));
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }
}
