package org.civicloop.triage.eval;

import java.util.List;
import java.util.Optional;

/**
 * The tasks {@code civicloop eval} knows. They run without a database or a server: a model is
 * measured on files alone.
 */
public final class EvaluationTasks {

    private EvaluationTasks() {}

    /** The names the evaluation command accepts, whether or not each is available yet. */
    public static final List<String> NAMES = List.of("category", "kind", "abuse", "emergency", "language", "sentiment");

    public static List<EvaluationTask> available() {
        return List.of(
                new org.civicloop.triage.emergency.EmergencyEvaluation(),
                new org.civicloop.triage.abuse.AbuseEvaluation(),
                new org.civicloop.triage.kind.KindEvaluation(),
                new org.civicloop.triage.category.CategoryEvaluation(),
                new org.civicloop.triage.sentiment.SentimentEvaluation(),
                new org.civicloop.triage.language.LanguageEvaluation());
    }

    public static Optional<EvaluationTask> find(String name) {
        return available().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
