package org.civicloop.triage.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One task of {@code civicloop eval TASK}: trains on {@code train} when given (or adapts
 * few-shot), otherwise evaluates the model as shipped, on {@code test}; answers the figures the
 * command prints as one JSON object.
 */
public interface EvaluationTask {

    /** The TASK name on the command line, e.g. {@code sentiment}. */
    String name();

    Map<String, Object> evaluate(Input input, Progress progress) throws Exception;

    /** What the command was given. {@code train} and {@code services} may be null. */
    record Input(List<Example> test, List<Example> train, Path services) {}

    /** Reports how far an evaluation is, for the progress bar. */
    @FunctionalInterface
    interface Progress {
        void done(long done, long total);

        Progress NONE = (done, total) -> {};
    }
}
