package org.civicloop.cases;

import java.time.Instant;
import org.civicloop.shared.MessageId;

public record Reporter(MessageId messageId, String channel, Instant attachedAt, String attachedBy) {}
