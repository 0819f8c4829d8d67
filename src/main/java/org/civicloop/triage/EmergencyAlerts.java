package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code emergency_alert} table. */
@Repository
class EmergencyAlerts {

    private final JdbcClient jdbc;

    EmergencyAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Raises the alert for a message; false when it was raised before (a redelivered event, an edit). */
    boolean raise(EmergencyAlert alert) {
        return jdbc.sql("""
                        INSERT INTO emergency_alert (message_id, hazard, evidence, language, channel, raised_at)
                        VALUES (:id, :hazard, :evidence, :language, :channel, :at)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                        .param("id", alert.messageId().value())
                        .param("hazard", alert.hazard())
                        .param("evidence", alert.evidence())
                        .param("language", alert.language())
                        .param("channel", alert.channel())
                        .param("at", Timestamp.from(alert.raisedAt()))
                        .update()
                == 1;
    }

    void replied(MessageId id, String channel) {
        jdbc.sql("UPDATE emergency_alert SET replied_on = :channel WHERE message_id = :id")
                .param("channel", channel)
                .param("id", id.value())
                .update();
    }

    /** Acknowledges an open alert; false when there is none or it was acknowledged already. */
    boolean acknowledge(MessageId id, String by, Instant at) {
        return jdbc.sql("""
                        UPDATE emergency_alert SET acknowledged_by = :by, acknowledged_at = :at
                         WHERE message_id = :id AND acknowledged_at IS NULL
                        """)
                        .param("by", by)
                        .param("at", Timestamp.from(at))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    Optional<EmergencyAlert> find(MessageId id) {
        return jdbc.sql("SELECT * FROM emergency_alert WHERE message_id = :id")
                .param("id", id.value())
                .query(EmergencyAlerts::row)
                .optional();
    }

    /** Open alerts first (newest first), then acknowledged ones; retracted messages left out. */
    List<EmergencyAlert> list(boolean openOnly, int limit) {
        return jdbc.sql("SELECT a.* FROM emergency_alert a JOIN message m ON m.id = a.message_id"
                        + " WHERE m.retracted_at IS NULL"
                        + (openOnly ? " AND a.acknowledged_at IS NULL" : "")
                        + " ORDER BY (a.acknowledged_at IS NULL) DESC, a.raised_at DESC LIMIT :limit")
                .param("limit", limit)
                .query(EmergencyAlerts::row)
                .list();
    }

    long countOpen() {
        return jdbc.sql("SELECT count(*) FROM emergency_alert a JOIN message m ON m.id = a.message_id"
                        + " WHERE m.retracted_at IS NULL AND a.acknowledged_at IS NULL")
                .query(Long.class)
                .single();
    }

    private static EmergencyAlert row(ResultSet rs, int n) throws SQLException {
        Timestamp ack = rs.getTimestamp("acknowledged_at");
        return new EmergencyAlert(
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("hazard"),
                rs.getString("evidence"),
                rs.getString("language"),
                rs.getString("channel"),
                rs.getString("replied_on"),
                rs.getTimestamp("raised_at").toInstant(),
                rs.getString("acknowledged_by"),
                ack == null ? null : ack.toInstant());
    }
}
