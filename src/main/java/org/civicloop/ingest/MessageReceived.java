package org.civicloop.ingest;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/** A resident's message was stored for the first time. */
public record MessageReceived(MessageId messageId, String channel, String publicReference, Instant receivedAt) {}
