package org.civicloop.triage.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.EvaluationTasks;
import org.civicloop.triage.eval.Example;
import org.junit.jupiter.api.Test;

class SentimentEvaluationTests {

    private final EvaluationTask task = EvaluationTasks.find("sentiment").orElseThrow();

    @Test
    void numericLabelsAreCorrelatedWithTheCompound() throws Exception {
        var test = List.of(
                new Example("The book was good.", "1.5"),
                new Example("Today SUX!", "-2.5"),
                new Example("The bus leaves at nine.", "0"),
                new Example("VADER is VERY SMART, handsome, and FUNNY!!!", "3.2"));
        Map<String, Object> result =
                task.evaluate(new EvaluationTask.Input(test, null, null), EvaluationTask.Progress.NONE);
        assertThat(result)
                .containsEntry("examples", 4)
                .containsKeys("pearson_r", "spearman_rho", "messages_per_second");
        // compounds 0.4404, −0.5461, 0, 0.9342 rank exactly as the labels
        assertThat(result.get("spearman_rho")).isEqualTo(1.0);
        assertThat((double) result.get("messages_per_second")).isPositive();
    }

    @Test
    void polarityLabelsAreClassifiedAtTheStandardThresholdsNextToAMajorityBaseline() throws Exception {
        var test = List.of(
                new Example("The book was good.", "positive"),
                new Example("Today SUX!", "Negative"),
                new Example("The bus leaves at nine.", "neutral"),
                new Example("Not bad at all", "negative"),
                new Example("Horrible delay again.", "negative"));
        var train = List.of(new Example("x", "neutral"), new Example("y", "neutral"), new Example("z", "positive"));
        Map<String, Object> result =
                task.evaluate(new EvaluationTask.Input(test, train, null), EvaluationTask.Progress.NONE);
        // right: good → positive, SUX → negative, bus → neutral, horrible → negative; wrong: "Not bad at all"
        // (positive)
        assertThat(result).containsEntry("accuracy", 0.8);
        @SuppressWarnings("unchecked")
        var baselines = (Map<String, Map<String, Object>>) result.get("baselines");
        assertThat(baselines.get("majority_class"))
                .containsEntry("predicts", "neutral")
                .containsEntry("accuracy", 0.2);
        assertThat(baselines.get("bag_of_words")).containsKeys("accuracy", "macro_f1");
        assertThat(result).containsKeys("macro_f1", "classes", "confusion", "messages_per_second");
    }

    @Test
    void theBagOfWordsBaselineLearnsWordsAndNeverSeesTheTextItPredicts() {
        var model = org.civicloop.triage.text.NaiveBayesBaseline.train(List.of(
                new Example("late flight again", "negative"),
                new Example("lost my bag", "negative"),
                new Example("thanks great crew", "positive")));
        assertThat(model.predict("my flight was late")).isEqualTo("negative");
        assertThat(model.predict("great thanks")).isEqualTo("positive");
        // cross-validated: a word seen only in the text being predicted tells nothing
        var test = List.of(
                new Example("alpha", "positive"),
                new Example("beta", "negative"),
                new Example("gamma", "negative"),
                new Example("delta", "negative"),
                new Example("epsilon", "negative"));
        var report = org.civicloop.triage.text.NaiveBayesBaseline.evaluate(test, null, l -> l);
        // every fold trains on the other four (3 or 4 negatives): the prior decides, all negative
        assertThat(report.accuracy()).isEqualTo(0.8);
    }

    @Test
    void otherLabelsAreRefused() {
        var test = List.of(new Example("The book was good.", "praise"));
        assertThatThrownBy(
                        () -> task.evaluate(new EvaluationTask.Input(test, null, null), EvaluationTask.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("praise");
    }
}
