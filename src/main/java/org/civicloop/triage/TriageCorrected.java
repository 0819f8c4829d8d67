package org.civicloop.triage;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/** Published when staff correct a stage's answer: the stage that learns from it may retrain. */
public record TriageCorrected(
        MessageId messageId, String stage, String oldValue, String newValue, String correctedBy, Instant at) {}
