package org.civicloop.triage.emergency;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.civicloop.triage.eval.ClassificationReport;
import org.civicloop.triage.eval.EvaluationTask;

/**
 * {@code civicloop eval emergency}: labels {@code emergency} (or 1, true, yes) are emergencies,
 * every other label is not. The rules are not trained: {@code --train} is refused rather than
 * ignored.
 */
public final class EmergencyEvaluation implements EvaluationTask {

    private static final Set<String> POSITIVE = Set.of("emergency", "1", "true", "yes");

    private final EmergencyDetector detector = new EmergencyDetector();

    @Override
    public String name() {
        return "emergency";
    }

    @Override
    public Map<String, Object> evaluate(Input input, Progress progress) {
        if (input.train() != null) {
            throw new IllegalArgumentException("the emergency rules are not trained: run without --train");
        }
        var report = new ClassificationReport();
        long start = System.nanoTime();
        int done = 0;
        for (var example : input.test()) {
            String truth =
                    POSITIVE.contains(example.label().strip().toLowerCase(Locale.ROOT)) ? "emergency" : "not_emergency";
            report.add(truth, detector.isEmergency(example.text()) ? "emergency" : "not_emergency");
            progress.done(++done, input.test().size());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return report.toMap(input.test().size() / seconds);
    }
}
