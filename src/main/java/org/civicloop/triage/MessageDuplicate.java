package org.civicloop.triage;

import java.time.Instant;
import java.util.UUID;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;

/**
 * What duplicate detection found for one message.
 *
 * @param kind how it resembles what it matched ({@link DuplicateKind#NONE} when nothing did)
 * @param matchedMessage the earlier message it resembles most, if any
 * @param caseId the open case it was linked or suggested to, or the case its repeat already reports
 * @param similarity the similarity that decided: Jaccard estimate (exact, near) or cosine (semantic,
 *     repeat), 0 to 1
 * @param distanceMeters how far apart the two places are, when both are known
 * @param action what was done about it
 * @param groupId the group of recent messages of the same theme it belongs to, if any
 * @param modelVersion the rules, thresholds and embedding model that answered
 */
public record MessageDuplicate(
        MessageId messageId,
        DuplicateKind kind,
        MessageId matchedMessage,
        CaseId caseId,
        double similarity,
        Double distanceMeters,
        DuplicateAction action,
        UUID groupId,
        String modelVersion,
        Instant checkedAt) {

    public boolean isRepeat() {
        return kind == DuplicateKind.REPEAT;
    }
}
