package org.civicloop.triage;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/**
 * A member of staff corrected one stage's answer for a message.
 *
 * @param stage which answer: {@code category}, {@code kind}, {@code location}, {@code duplicate}, ...
 * @param oldValue what it was before (the machine's answer or an earlier correction), or null
 * @param newValue what staff say it is
 */
public record TriageCorrection(
        long id,
        MessageId messageId,
        String stage,
        String oldValue,
        String newValue,
        String correctedBy,
        Instant correctedAt) {

    public static final String CATEGORY = "category";
}
