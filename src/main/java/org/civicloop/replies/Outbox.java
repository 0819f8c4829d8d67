package org.civicloop.replies;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.civicloop.shared.ChannelKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The transactional outbox: what residents are to be sent, committed before it is sent. */
@Repository
class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a message; a second message with the same idempotency key is ignored. */
    boolean enqueue(String idempotencyKey, ChannelKind channel, String recipient, String subject, String body) {
        return enqueue(idempotencyKey, channel, recipient, subject, body, null);
    }

    /** Queues a reply threaded under the resident's message {@code inReplyTo} (its external id). */
    boolean enqueue(
            String idempotencyKey,
            ChannelKind channel,
            String recipient,
            String subject,
            String body,
            String inReplyTo) {
        Instant now = clock.instant();
        return jdbc.sql("""
                INSERT INTO outbox_message (id, idempotency_key, channel, recipient, subject, body, in_reply_to,
                    created_at, next_attempt_at)
                VALUES (:id, :key, :channel, :recipient, :subject, :body, :inReplyTo, :now, :now)
                ON CONFLICT (idempotency_key) DO NOTHING
                """)
                        .param("id", UUID.randomUUID())
                        .param("key", idempotencyKey)
                        .param("channel", channel.code())
                        .param("recipient", recipient)
                        .param("subject", subject)
                        .param("body", body)
                        .param("inReplyTo", inReplyTo)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Due messages, locked for this worker; other workers skip them. */
    /** Due messages except those on the {@code held} channels, locked for this worker. */
    List<ReplySender.OutboundMessage> lockDue(int limit, java.util.Set<ChannelKind> held) {
        // an impossible code keeps the NOT IN list non-empty
        List<String> heldCodes = held.isEmpty()
                ? List.of("-")
                : held.stream().map(ChannelKind::code).toList();
        return jdbc.sql("""
                SELECT idempotency_key, channel, recipient, subject, body, in_reply_to FROM outbox_message
                WHERE status = 'pending' AND next_attempt_at <= :now AND channel NOT IN (:held)
                ORDER BY next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(clock.instant()))
                .param("held", heldCodes)
                .param("limit", limit)
                .query((rs, i) -> new ReplySender.OutboundMessage(
                        rs.getString("idempotency_key"),
                        ChannelKind.fromCode(rs.getString("channel")),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getString("in_reply_to")))
                .list();
    }

    void markSent(String key) {
        jdbc.sql(
                        "UPDATE outbox_message SET status = 'sent', sent_at = :now, attempts = attempts + 1, last_error = NULL WHERE idempotency_key = :key")
                .param("now", Timestamp.from(clock.instant()))
                .param("key", key)
                .update();
    }

    /** Retries later with exponential backoff; gives up after {@code maxAttempts}. */
    void markFailed(String key, String error, int maxAttempts) {
        jdbc.sql("""
                UPDATE outbox_message SET attempts = attempts + 1, last_error = :error,
                    status = CASE WHEN attempts + 1 >= :max THEN 'failed' ELSE 'pending' END,
                    next_attempt_at = CAST(:now AS timestamptz) + make_interval(secs => least(3600, 5 * power(2, attempts)))
                WHERE idempotency_key = :key
                """)
                .param("error", error == null ? "unknown" : error.substring(0, Math.min(error.length(), 500)))
                .param("max", maxAttempts)
                .param("now", Timestamp.from(clock.instant()))
                .param("key", key)
                .update();
    }

    long countPending() {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE status = 'pending'")
                .query(Long.class)
                .single();
    }

    List<OutboxEntry> recent(int limit) {
        return jdbc.sql(
                        "SELECT idempotency_key, channel, recipient, subject, status, attempts, created_at, sent_at FROM outbox_message ORDER BY created_at DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, i) -> new OutboxEntry(
                        rs.getString("idempotency_key"),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null
                                ? null
                                : rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}
