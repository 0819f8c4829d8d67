package org.civicloop.triage.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.civicloop.testing.SharedData;
import org.civicloop.triage.abuse.AbuseModels;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.TextClassifier;
import org.junit.jupiter.api.Test;

/**
 * The kind stage on messages other people wrote, labelled by what their source says they are
 * (weak labels, {@link WeakKindLabels}), and the experiment behind the choice of training data
 * (ADR 0021): cross-validation on the written examples with and without the weak labels added.
 */
class KindWeakLabelsTests {

    @Test
    void theShippedStageOnWeaklyLabelledSharedData() throws Exception {
        var weak = WeakKindLabels.read(SharedData.path(""), 300);
        var classifier = KindClassifier.shipped(AbuseModels.seed());
        Map<String, int[]> recall = new TreeMap<>();
        for (var example : weak) {
            int[] c = recall.computeIfAbsent(example.label(), k -> new int[2]);
            c[1]++;
            if (classifier.classify(example.text()).kind().code().equals(example.label())) c[0]++;
        }
        recall.forEach((kind, c) ->
                System.out.printf("weak %-16s recall %.3f (%d/%d)%n", kind, (double) c[0] / c[1], c[0], c[1]));
        // resident reports to a city are mostly recognised as service requests
        int[] reports = recall.get("service_request");
        assertThat((double) reports[0] / reports[1]).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void crossValidationOnTheWrittenExamplesWithAndWithoutWeakLabels() throws Exception {
        var written = new ArrayList<>(KindExamples.shipped());
        Collections.shuffle(written, new Random(7));
        var weak = WeakKindLabels.read(SharedData.path(""), 250);
        double alone = crossValidate(written, List.of(), 1);
        double withWeak = crossValidate(written, weak, 1);
        double withWeakWrittenThrice = crossValidate(written, weak, 3);
        System.out.printf(
                "5-fold accuracy of the kind model on the written examples: %.3f; plus %d weak labels: %.3f;"
                        + " plus weak labels with the written examples counted three times: %.3f%n",
                alone, weak.size(), withWeak, withWeakWrittenThrice);
        assertThat(alone).isGreaterThanOrEqualTo(0.60);
    }

    static double crossValidate(List<Example> written, List<Example> extra, int copies) {
        int k = 5, right = 0;
        for (int f = 0; f < k; f++) {
            var train = new ArrayList<Example>();
            var test = new ArrayList<Example>();
            for (int i = 0; i < written.size(); i++) {
                if (i % k == f) test.add(written.get(i));
                else for (int c = 0; c < copies; c++) train.add(written.get(i));
            }
            train.addAll(extra);
            var model = TextClassifier.train(train, TextClassifier.Options.defaults());
            for (var e : test) if (model.predict(e.text()).label().equals(e.label())) right++;
        }
        return (double) right / written.size();
    }
}
