package org.civicloop.triage.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.EvaluationTasks;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.junit.jupiter.api.Test;

/** The service classifier with the real embedding model, zero-shot and with examples. */
class ServiceClassifierTests {

    static final List<ServiceClassifier.Service> SERVICES = List.of(
            new ServiceClassifier.Service("Potholes", "Holes and cracks in the road surface"),
            new ServiceClassifier.Service(
                    "Missed collection", "Trash, recycling or bulky waste that was not picked up"),
            new ServiceClassifier.Service("Street lights", "Street lamps that are out, flickering or damaged"),
            new ServiceClassifier.Service("Graffiti", "Paint, tags or vandalism on walls and public property"));

    @Test
    void zeroShotFromTheServicesDescriptions() {
        var classifier = ServiceClassifier.build(SentenceEmbeddings.shipped(), SERVICES, List.of());
        assertThat(classifier
                        .classify("There is a deep hole in the asphalt on Elm St")
                        .label())
                .isEqualTo("Potholes");
        assertThat(classifier
                        .classify("Nobody emptied our recycling bin this week")
                        .label())
                .isEqualTo("Missed collection");
        assertThat(classifier
                        .classify("The lamp post outside 12 Oak Ave has been dark for days")
                        .label())
                .isEqualTo("Street lights");
        assertThat(classifier
                        .classify("Someone spray painted tags all over the bridge")
                        .label())
                .isEqualTo("Graffiti");
        var prediction = classifier.classify("hole in the road");
        assertThat(prediction.scores().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void examplesTeachWhatDescriptionsCannot() {
        // "Cliff Walk" means nothing to a general model: the city's examples teach it
        var examples = List.of(
                new Example("Fence on the Cliff Walk near Forty Steps is broken", "Cliff Walk"),
                new Example("Erosion on the cliff walk path by Ruggles", "Cliff Walk"),
                new Example("Cliff walk stones loose near the Breakers", "Cliff Walk"),
                new Example("Pothole on Broadway", "Potholes"),
                new Example("Big pothole near the school on Elm", "Potholes"),
                new Example("Trash not picked up on Thames St", "Missed collection"),
                new Example("Bulky item left after collection day", "Missed collection"));
        var classifier = ServiceClassifier.build(SentenceEmbeddings.shipped(), SERVICES, examples);
        var prediction = classifier.classify("Loose rocks on the Cliff Walk by Forty Steps");
        assertThat(prediction.label()).isEqualTo("Cliff Walk");
        assertThat(prediction.nearestExamples()).first().asString().containsIgnoringCase("cliff walk");
    }

    @Test
    void theEvaluationTaskNeedsServicesOrExamples() throws Exception {
        var task = EvaluationTasks.find("category").orElseThrow();
        var test = List.of(new Example("hole in the road", "Potholes"));
        assertThatThrownBy(
                        () -> task.evaluate(new EvaluationTask.Input(test, null, null), EvaluationTask.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--services");

        var services = Files.createTempFile("services", ".csv");
        Files.writeString(
                services, "label,description\nPotholes,Holes in the road\nGraffiti,Paint and tags on walls\n");
        var result = task.evaluate(
                new EvaluationTask.Input(
                        List.of(
                                new Example("hole in the road", "Potholes"),
                                new Example("tags on the wall", "Graffiti")),
                        null,
                        services),
                EvaluationTask.Progress.NONE);
        assertThat(result.get("accuracy")).isEqualTo(1.0);
    }
}
