package org.civicloop.replies;

import java.time.Instant;

public record OutboxEntry(
        String idempotencyKey,
        String channel,
        String recipient,
        String subject,
        String status,
        int attempts,
        Instant createdAt,
        Instant sentAt) {}
