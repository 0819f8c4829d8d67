package org.civicloop.triage.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.civicloop.triage.abuse.AbuseModels;
import org.civicloop.triage.emergency.Hazard;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.eval.ExampleFiles;
import org.junit.jupiter.api.Test;

/**
 * The kind stage on the held-out messages (src/test/resources/triage/kind-heldout.csv: 135
 * messages, 15 of each kind, en and es, never trained on), with the seed abuse model.
 */
class KindClassifierTests {

    static final Path HELD_OUT = Path.of("src/test/resources/triage/kind-heldout.csv");

    final KindClassifier classifier = KindClassifier.shipped(AbuseModels.seed());

    @Test
    void theHeldOutMessagesAreNotInTheTrainingSetAndCoverEveryKindInBothLanguages() throws Exception {
        var heldOut = ExampleFiles.read(HELD_OUT).examples();
        var trained = KindExamples.shipped().stream().map(e -> normal(e.text())).collect(Collectors.toSet());
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(135);
        assertThat(heldOut).noneMatch(e -> trained.contains(normal(e.text())));
        assertThat(heldOut.stream().map(Example::label).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(Kind.values()).map(Kind::code).toArray(String[]::new));
        assertThat(KindExamples.shipped()).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void heldOutAccuracyIsAtLeastEightyPercentAndEveryKindIsRecognised() throws Exception {
        var heldOut = ExampleFiles.read(HELD_OUT).examples();
        int right = 0;
        Map<String, int[]> perKind = new HashMap<>();
        for (var example : heldOut) {
            String predicted = classifier.classify(example.text()).kind().code();
            int[] counts = perKind.computeIfAbsent(example.label(), k -> new int[2]);
            counts[1]++;
            if (predicted.equals(example.label())) {
                right++;
                counts[0]++;
            }
        }
        double accuracy = (double) right / heldOut.size();
        System.out.printf("kind accuracy on %d held-out messages: %.3f%n", heldOut.size(), accuracy);
        perKind.forEach((k, c) -> System.out.printf("  %-16s %d/%d%n", k, c[0], c[1]));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.80);
        // no kind is left to chance: at least half of each kind's held-out messages are recognised
        perKind.forEach((kind, c) -> assertThat((double) c[0] / c[1]).as(kind).isGreaterThanOrEqualTo(0.5));
        // emergencies: every held-out one
        assertThat(perKind.get("emergency")[0]).isEqualTo(perKind.get("emergency")[1]);
    }

    @Test
    void theEmergencyRulesWinWhateverTheModelThinks() {
        var result = classifier.classify("Thank you so much!! but I smell gas near the library on Elm");
        assertThat(result.kind()).isEqualTo(Kind.EMERGENCY);
        assertThat(result.confidence()).isEqualTo(1.0);
        assertThat(result.emergency())
                .hasValueSatisfying(f -> assertThat(f.hazard()).isEqualTo(Hazard.GAS));
        assertThat(result.reasons().get(0)).startsWith("emergency rule: gas");
    }

    @Test
    void threatsAndInsultsAreAbusiveAndSaySo() {
        for (String text : List.of(
                "I know where you live, you worthless idiot, watch your back",
                "Eres una inútil y una estúpida, ojalá te mueras")) {
            var result = classifier.classify(text);
            assertThat(result.kind()).as(text).isEqualTo(Kind.ABUSE);
            assertThat(result.abusive()).as(text).isTrue();
            assertThat(result.reasons()).as(text).isNotEmpty();
        }
        var polite = classifier.classify("The streetlight on Maple Ave has been out for a week, please fix it");
        assertThat(polite.abusive()).isFalse();
        assertThat(polite.kind()).isEqualTo(Kind.SERVICE_REQUEST);
        assertThat(polite.reasons().get(0)).startsWith("kind model: service_request");
    }

    @Test
    void trainingOnAFileWhoseLabelsAreNotKindsIsRefusedWithTheKinds() {
        var examples = List.of(new Example("a", "pothole", 2), new Example("b", "question", 3));
        assertThatThrownBy(() -> KindClassifier.train(examples, AbuseModels.seed()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("service_request");
    }

    static String normal(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
