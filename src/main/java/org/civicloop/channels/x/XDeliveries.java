package org.civicloop.channels.x;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which outbox messages (by idempotency key) were posted to X, which has no idempotency key of its
 * own. Every write commits in its own transaction, independent of the
 * outbox's: a claim must survive a crash that rolls the outbox's transaction back, or a
 * redelivered outbox message would be texted again.
 */
@Repository
class XDeliveries {

    /** What is known about one outbox message on the X channel. */
    record Delivery(String status, String tweetId, String lastError, Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate own;

    XDeliveries(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Claims the key for one attempt: new keys, and keys whose last attempt certainly did not reach
     * X ({@code retry}), become {@code sending}, committed before X is
     * called. Answers empty when claimed, otherwise what is known about the key.
     */
    Optional<Delivery> claim(String key, String inReplyTo) {
        return own.execute(status -> {
            Instant now = clock.instant();
            boolean claimed = !jdbc.sql("""
                            INSERT INTO x_delivery (idempotency_key, in_reply_to, status, attempts, created_at, updated_at)
                            VALUES (:key, :inReplyTo, 'sending', 1, :now, :now)
                            ON CONFLICT (idempotency_key) DO UPDATE
                                SET status = 'sending', attempts = x_delivery.attempts + 1, updated_at = :now,
                                    in_reply_to = EXCLUDED.in_reply_to
                                WHERE x_delivery.status = 'retry'
                            RETURNING status
                            """)
                    .param("key", key)
                    .param("inReplyTo", inReplyTo)
                    .param("now", Timestamp.from(now))
                    .query(String.class)
                    .list()
                    .isEmpty();
            return claimed ? Optional.<Delivery>empty() : find(key);
        });
    }

    void finish(String key, String status, String tweetId, String error) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                        UPDATE x_delivery SET status = :status, tweet_id = coalesce(:sid, tweet_id),
                            last_error = :error, updated_at = :now
                        WHERE idempotency_key = :key
                        """)
                .param("status", status)
                .param("sid", tweetId)
                .param("error", error == null ? null : error.substring(0, Math.min(error.length(), 500)))
                .param("now", Timestamp.from(clock.instant()))
                .param("key", key)
                .update());
    }

    Optional<Delivery> find(String key) {
        return jdbc.sql("SELECT status, tweet_id, last_error, updated_at FROM x_delivery WHERE idempotency_key = :key")
                .param("key", key)
                .query((rs, i) -> new Delivery(
                        rs.getString("status"),
                        rs.getString("tweet_id"),
                        rs.getString("last_error"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }
}
