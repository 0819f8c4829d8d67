package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.cases.CasePriority;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code message_kind} table. */
@Repository
class KindResults {

    private static final TypeReference<List<MessageKind.Reason>> REASONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    KindResults(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores (or replaces) the result for a message, only if the message still has the text that
     * was judged: a result from a text since edited never overwrites a newer one. Answers whether
     * it was stored.
     */
    boolean store(MessageKind result, String judgedText) {
        return jdbc.sql("""
                        INSERT INTO message_kind (message_id, kind, confidence, abusive, urgency, priority, reasons,
                                                  version, judged_at)
                        SELECT m.id, :kind, :confidence, :abusive, :urgency, :priority, CAST(:reasons AS jsonb),
                               :version, :at
                          FROM message m
                         WHERE m.id = :id AND m.body = :text
                        ON CONFLICT (message_id) DO UPDATE SET
                            kind = EXCLUDED.kind,
                            confidence = EXCLUDED.confidence,
                            abusive = EXCLUDED.abusive,
                            urgency = EXCLUDED.urgency,
                            priority = EXCLUDED.priority,
                            reasons = EXCLUDED.reasons,
                            version = EXCLUDED.version,
                            judged_at = EXCLUDED.judged_at
                        """)
                        .param("id", result.messageId().value())
                        .param("kind", result.kind())
                        .param("confidence", result.confidence())
                        .param("abusive", result.abusive())
                        .param("urgency", result.urgency())
                        .param("priority", result.priority().code())
                        .param("reasons", json.writeValueAsString(result.reasons()))
                        .param("version", result.version())
                        .param("at", Timestamp.from(result.judgedAt()))
                        .param("text", judgedText)
                        .update()
                > 0;
    }

    void delete(MessageId id) {
        jdbc.sql("DELETE FROM message_kind WHERE message_id = :id")
                .param("id", id.value())
                .update();
    }

    Optional<MessageKind> find(MessageId id) {
        return jdbc.sql("""
                        SELECT message_id, kind, confidence, abusive, urgency, priority, reasons::text AS reasons,
                               version, judged_at
                          FROM message_kind WHERE message_id = :id
                        """).param("id", id.value()).query(this::row).optional();
    }

    /** The abusive messages among the given ones. */
    List<MessageId> abusive(List<MessageId> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("SELECT message_id FROM message_kind WHERE abusive AND message_id IN (:ids)")
                .param("ids", ids.stream().map(MessageId::value).toList())
                .query((rs, n) -> new MessageId(rs.getObject(1, UUID.class)))
                .list();
    }

    private MessageKind row(ResultSet rs, int n) throws SQLException {
        return new MessageKind(
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("kind"),
                rs.getDouble("confidence"),
                rs.getBoolean("abusive"),
                rs.getInt("urgency"),
                CasePriority.fromCode(rs.getString("priority")),
                json.readValue(rs.getString("reasons"), REASONS),
                rs.getString("version"),
                rs.getTimestamp("judged_at").toInstant());
    }
}
