package org.civicloop.triage.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation of a trainable task over one labelled file: shuffled with a fixed seed
 * (so a rerun gives the same folds), each fold tested on a model trained on the others.
 */
public final class CrossValidation {

    private CrossValidation() {}

    public static Map<String, Object> run(
            EvaluationTask task,
            List<Example> examples,
            List<Example> extraTraining,
            Path services,
            int folds,
            EvaluationTask.Progress progress)
            throws Exception {
        if (folds < 2 || folds > examples.size())
            throw new IllegalArgumentException("--folds must be between 2 and the number of examples");
        var shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(20261126L));
        var perFold = new ArrayList<Map<String, Object>>();
        double accuracy = 0, macroF1 = 0;
        for (int f = 0; f < folds; f++) {
            var train = new ArrayList<Example>();
            var test = new ArrayList<Example>();
            for (int i = 0; i < shuffled.size(); i++) (i % folds == f ? test : train).add(shuffled.get(i));
            if (extraTraining != null) train.addAll(extraTraining);
            int fold = f;
            var result = task.evaluate(
                    new EvaluationTask.Input(test, train, services),
                    (done, total) -> progress.done((long) fold * total + done, (long) folds * total));
            perFold.add(result);
            accuracy += ((Number) result.get("accuracy")).doubleValue() / folds;
            macroF1 += ((Number) result.get("macro_f1")).doubleValue() / folds;
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("folds", folds);
        map.put("accuracy", ClassificationReport.round(accuracy));
        map.put("macro_f1", ClassificationReport.round(macroF1));
        map.put("per_fold", perFold);
        return map;
    }
}
