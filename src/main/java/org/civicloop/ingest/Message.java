package org.civicloop.ingest;

import java.time.Instant;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;

/** A stored resident message as staff see it (contact details are read separately). */
public record Message(
        MessageId id,
        String channel,
        String externalId,
        String publicReference,
        String authorHandle,
        String authorName,
        String text,
        String language,
        String address,
        GeoPoint location,
        Instant postedAt,
        Instant receivedAt,
        String url,
        MessageStatus status,
        String caseReference,
        int mediaCount,
        boolean retracted,
        MessageId conversationId) {

    /** Whether this message starts its conversation (or is alone in it). */
    public boolean startsConversation() {
        return conversationId == null || conversationId.equals(id);
    }
}
