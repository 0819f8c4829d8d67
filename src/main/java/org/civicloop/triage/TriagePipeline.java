package org.civicloop.triage;

import java.util.List;
import java.util.function.Consumer;
import org.civicloop.ingest.MessageEdited;
import org.civicloop.ingest.MessageReceived;
import org.civicloop.ingest.MessageRetracted;
import org.civicloop.shared.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link TriageStage} on each message, in order, from one listener: one durable event
 * publication per message and event (the registry writes a record per listener, inside the
 * ingest transaction — four listeners cost four records for every message stored). A stage that
 * fails does not stop the others; the failure is raised at the end, so the publication stays
 * incomplete and the message is triaged again when it is resubmitted.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
        prefix = "civicloop.triage",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
class TriagePipeline {

    private static final Logger log = LoggerFactory.getLogger(TriagePipeline.class);

    private final List<TriageStage> stages;

    TriagePipeline(List<TriageStage> stages) {
        this.stages = stages;
    }

    @TriageListener
    void on(MessageReceived event) {
        run(event.messageId(), "received", stage -> stage.received(event.messageId()));
    }

    @TriageListener
    void on(MessageEdited event) {
        run(event.messageId(), "edited", stage -> stage.edited(event.messageId()));
    }

    @TriageListener
    void on(MessageRetracted event) {
        run(event.messageId(), "retracted", stage -> stage.retracted(event.messageId()));
    }

    private void run(MessageId id, String what, Consumer<TriageStage> step) {
        RuntimeException first = null;
        for (TriageStage stage : stages) {
            try {
                step.accept(stage);
            } catch (RuntimeException e) {
                log.warn(
                        "Triage stage {} failed for {} message {}: {}",
                        stage.getClass().getSimpleName(),
                        what,
                        id,
                        e.toString());
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
