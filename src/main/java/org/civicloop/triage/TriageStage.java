package org.civicloop.triage;

import org.civicloop.shared.MessageId;

/**
 * One stage of triage with a result of its own beside each message (language and redaction,
 * kind, location, duplicates). {@link TriagePipeline} runs the stages in their {@code @Order} on
 * every message, off the receiving thread; each stage must be idempotent (a crash makes the whole
 * pipeline run again for the message).
 */
public interface TriageStage {

    /** A message was stored. */
    void received(MessageId id);

    /** Its text changed: by default, judged again as if new. */
    default void edited(MessageId id) {
        received(id);
    }

    /** It was retracted: its result goes. */
    void retracted(MessageId id);
}
