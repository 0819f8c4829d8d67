package org.civicloop.triage;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/** An alert raised for on-duty staff by a message found to be an emergency; open until acknowledged. */
public record EmergencyAlert(
        MessageId messageId,
        String hazard,
        String evidence,
        String language,
        String channel,
        String repliedOn,
        Instant raisedAt,
        String acknowledgedBy,
        Instant acknowledgedAt) {

    public boolean open() {
        return acknowledgedAt == null;
    }
}
