package org.civicloop.channels;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which outbox messages (by idempotency key) were handed to a provider that has no idempotency key
 * of its own (an SMS provider, X). Every write commits in its own transaction, independent of the
 * outbox's: a claim must survive a crash that rolls the outbox's transaction back, or a
 * redelivered outbox message would be sent again. A sender claims the key before calling the
 * provider; only a key whose last attempt certainly did not reach the provider ({@code retry}) can
 * be claimed again.
 *
 * <p>The table has the columns {@code idempotency_key} (unique), a target column (who or what the
 * message went to), {@code status}, {@code attempts}, a remote id column (the provider's id for
 * the message), {@code last_error}, {@code created_at}, {@code updated_at}.
 */
public abstract class ClaimedDeliveries {

    /** What is known about one outbox message: its status and the provider's id for it. */
    public record Delivery(String status, String remoteId, String lastError, Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate own;
    private final String table;
    private final String targetColumn;
    private final String remoteIdColumn;

    protected ClaimedDeliveries(
            JdbcClient jdbc,
            Clock clock,
            PlatformTransactionManager transactions,
            String table,
            String targetColumn,
            String remoteIdColumn) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.table = table;
        this.targetColumn = targetColumn;
        this.remoteIdColumn = remoteIdColumn;
    }

    /**
     * Claims the key for one attempt: new keys, and keys whose last attempt certainly did not reach
     * the provider ({@code retry}), become {@code sending}, committed before the provider is
     * called. Answers empty when claimed, otherwise what is known about the key.
     */
    public Optional<Delivery> claim(String key, String target) {
        return own.execute(status -> {
            Instant now = clock.instant();
            boolean claimed = !jdbc.sql("INSERT INTO " + table + " (idempotency_key, " + targetColumn
                            + ", status, attempts, created_at, updated_at)"
                            + " VALUES (:key, :target, 'sending', 1, :now, :now)"
                            + " ON CONFLICT (idempotency_key) DO UPDATE"
                            + " SET status = 'sending', attempts = " + table + ".attempts + 1, updated_at = :now, "
                            + targetColumn + " = EXCLUDED." + targetColumn
                            + " WHERE " + table + ".status = 'retry'"
                            + " RETURNING status")
                    .param("key", key)
                    .param("target", target)
                    .param("now", Timestamp.from(now))
                    .query(String.class)
                    .list()
                    .isEmpty();
            return claimed ? Optional.<Delivery>empty() : find(key);
        });
    }

    /** Records how the attempt ended: {@code sent}, {@code retry} (may be claimed again) or another final status. */
    public void finish(String key, String status, String remoteId, String error) {
        own.executeWithoutResult(tx -> jdbc.sql("UPDATE " + table + " SET status = :status, " + remoteIdColumn
                        + " = coalesce(:remote, " + remoteIdColumn + "), last_error = :error, updated_at = :now"
                        + " WHERE idempotency_key = :key")
                .param("status", status)
                .param("remote", remoteId)
                .param("error", error == null ? null : error.substring(0, Math.min(error.length(), 500)))
                .param("now", Timestamp.from(clock.instant()))
                .param("key", key)
                .update());
    }

    public Optional<Delivery> find(String key) {
        return jdbc.sql("SELECT status, " + remoteIdColumn + " AS remote_id, last_error, updated_at FROM " + table
                        + " WHERE idempotency_key = :key")
                .param("key", key)
                .query((rs, i) -> new Delivery(
                        rs.getString("status"),
                        rs.getString("remote_id"),
                        rs.getString("last_error"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }
}
