package org.civicloop.ingest;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/** A resident deleted what they had sent: it leaves every view and search; the record stays. */
public record MessageRetracted(MessageId messageId, String channel, String reason, Instant retractedAt) {}
