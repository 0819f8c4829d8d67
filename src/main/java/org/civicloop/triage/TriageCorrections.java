package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.eval.Example;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code triage_correction} table: staff corrections beside the machine's answers. */
@Repository
class TriageCorrections {

    private final JdbcClient jdbc;

    TriageCorrections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TriageCorrection add(
            MessageId messageId, String stage, String oldValue, String newValue, String by, java.time.Instant at) {
        long id = jdbc.sql("""
                        INSERT INTO triage_correction (message_id, stage, old_value, new_value, corrected_by, corrected_at)
                        VALUES (:message, :stage, :old, :new, :by, :at) RETURNING id
                        """)
                .param("message", messageId.value())
                .param("stage", stage)
                .param("old", oldValue)
                .param("new", newValue)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
        return new TriageCorrection(id, messageId, stage, oldValue, newValue, by, at);
    }

    /** Every correction of a message, oldest first. */
    List<TriageCorrection> of(MessageId messageId) {
        return jdbc.sql("SELECT * FROM triage_correction WHERE message_id = :id ORDER BY id")
                .param("id", messageId.value())
                .query(TriageCorrections::row)
                .list();
    }

    /** The newest correction of one stage for each of these messages. */
    Map<MessageId, TriageCorrection> latest(Collection<MessageId> ids, String stage) {
        var result = new HashMap<MessageId, TriageCorrection>();
        if (ids.isEmpty()) return result;
        jdbc.sql("""
                SELECT DISTINCT ON (message_id) * FROM triage_correction
                 WHERE stage = :stage AND message_id IN (:ids)
                 ORDER BY message_id, id DESC
                """)
                .param("stage", stage)
                .param("ids", ids.stream().map(MessageId::value).toList())
                .query(TriageCorrections::row)
                .list()
                .forEach(c -> result.put(c.messageId(), c));
        return result;
    }

    /** The highest correction id of a stage (0 when none): what a model built from them has seen. */
    long lastId(String stage) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM triage_correction WHERE stage = :stage")
                .param("stage", stage)
                .query(Long.class)
                .single();
    }

    long countSince(String stage, long id) {
        return jdbc.sql("SELECT count(*) FROM triage_correction WHERE stage = :stage AND id > :id")
                .param("stage", stage)
                .param("id", id)
                .query(Long.class)
                .single();
    }

    /**
     * Training examples from corrections: the newest correction of the stage for each message still
     * there, with the message's redacted text (what the examples shown as "why" may reveal).
     */
    List<Example> examples(String stage) {
        return jdbc.sql("""
                SELECT t.redacted_text, c.new_value FROM (
                    SELECT DISTINCT ON (message_id) message_id, new_value FROM triage_correction
                     WHERE stage = :stage ORDER BY message_id, id DESC) c
                  JOIN message_triage t ON t.message_id = c.message_id
                  JOIN message m ON m.id = c.message_id AND m.retracted_at IS NULL
                 ORDER BY c.message_id
                """)
                .param("stage", stage)
                .query((rs, i) -> new Example(rs.getString(1), rs.getString(2)))
                .list();
    }

    private static TriageCorrection row(ResultSet rs, int n) throws SQLException {
        return new TriageCorrection(
                rs.getLong("id"),
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("stage"),
                rs.getString("old_value"),
                rs.getString("new_value"),
                rs.getString("corrected_by"),
                rs.getTimestamp("corrected_at").toInstant());
    }
}
