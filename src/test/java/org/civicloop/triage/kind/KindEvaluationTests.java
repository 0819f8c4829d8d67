package org.civicloop.triage.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.EvaluationTasks;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.eval.ExampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code civicloop eval kind}: the shipped stage, a stage trained on --train, the baseline in the same run. */
class KindEvaluationTests {

    @TempDir
    Path data;

    @Test
    void theKindTaskIsRegistered() {
        assertThat(EvaluationTasks.find("kind")).isPresent();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutTrainTheShippedStageIsMeasuredBesideTheBaseline() throws Exception {
        var test = ExampleFiles.read(KindClassifierTests.HELD_OUT).examples();
        Map<String, Object> result = new KindEvaluation(data)
                .evaluate(new EvaluationTask.Input(test, null, null), EvaluationTask.Progress.NONE);
        // the figure agrees with an independent count
        var classifier = KindClassifier.shipped(org.civicloop.triage.abuse.AbuseModels.seed());
        long right = test.stream()
                .filter(e -> classifier.classify(e.text()).kind().code().equals(e.label()))
                .count();
        assertThat((double) result.get("accuracy"))
                .isCloseTo((double) right / test.size(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat((String) result.get("model")).startsWith("kind=lr/seed-").contains("abuse=seed-");
        assertThat((Map<String, Object>) result.get("classes")).containsKeys("emergency", "spam", "off_topic");
        var baseline = (Map<String, Object>) result.get("baseline");
        assertThat((Map<String, Object>) baseline.get("classes")).containsKey("accuracy");
        assertThat(result).containsKeys("kind_model_alone", "confusion", "macro_f1", "messages_per_second");
    }

    @Test
    void withTrainTheKindModelAndTheBaselineLearnFromThatFile() throws Exception {
        var train = List.of(
                new Example("the light is out on Elm", "service_request"),
                new Example("pothole on Main street", "service_request"),
                new Example("what time does the pool open?", "question"),
                new Example("when is trash day?", "question"));
        var test = List.of(
                new Example("streetlight out on Oak", "service_request"),
                new Example("what time is pickup?", "question"));
        Map<String, Object> result = new KindEvaluation(data)
                .evaluate(new EvaluationTask.Input(test, train, null), EvaluationTask.Progress.NONE);
        assertThat((String) result.get("model")).startsWith("kind=lr/trained-4");
        assertThat(result.get("trained_on")).isEqualTo("--train (4)");
        var bad = List.of(new Example("x", "pothole", 2), new Example("y", "question", 3));
        assertThatThrownBy(() -> new KindEvaluation(data)
                        .evaluate(new EvaluationTask.Input(test, bad, null), EvaluationTask.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a kind");
    }
}
