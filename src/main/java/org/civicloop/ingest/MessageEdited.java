package org.civicloop.ingest;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/** A resident changed what they had sent; the earlier text is kept as a revision. */
public record MessageEdited(MessageId messageId, String channel, Instant editedAt) {}
