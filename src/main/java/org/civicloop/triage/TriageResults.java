package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code message_triage} table. */
@Repository
class TriageResults {

    private static final TypeReference<List<PersonalData>> FINDINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TriageResults(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores (or replaces) the result for a message, only if the message still has the text that
     * was triaged: a result computed from a text since edited never overwrites a newer one.
     * Answers whether it was stored.
     */
    boolean store(MessageTriage result, String triagedText) {
        return jdbc.sql("""
                        INSERT INTO message_triage (message_id, language, language_confidence, redacted_text,
                                                    findings, model_version, triaged_at)
                        SELECT m.id, :language, :confidence, :redacted, CAST(:findings AS jsonb), :model, :at
                          FROM message m
                         WHERE m.id = :id AND m.body = :text
                        ON CONFLICT (message_id) DO UPDATE SET
                            language = EXCLUDED.language,
                            language_confidence = EXCLUDED.language_confidence,
                            redacted_text = EXCLUDED.redacted_text,
                            findings = EXCLUDED.findings,
                            model_version = EXCLUDED.model_version,
                            triaged_at = EXCLUDED.triaged_at
                        """)
                        .param("id", result.messageId().value())
                        .param("language", result.language())
                        .param("confidence", result.languageConfidence())
                        .param("redacted", result.redactedText())
                        .param("findings", json.writeValueAsString(result.personalData()))
                        .param("model", result.modelVersion())
                        .param("at", Timestamp.from(result.triagedAt()))
                        .param("text", triagedText)
                        .update()
                > 0;
    }

    void delete(MessageId id) {
        jdbc.sql("DELETE FROM message_triage WHERE message_id = :id")
                .param("id", id.value())
                .update();
    }

    Optional<MessageTriage> find(MessageId id) {
        return jdbc.sql("""
                        SELECT message_id, language, language_confidence, redacted_text, findings::text AS findings,
                               model_version, triaged_at
                          FROM message_triage WHERE message_id = :id
                        """).param("id", id.value()).query(this::row).optional();
    }

    private MessageTriage row(ResultSet rs, int n) throws SQLException {
        return new MessageTriage(
                new MessageId(rs.getObject("message_id", java.util.UUID.class)),
                rs.getString("language"),
                rs.getDouble("language_confidence"),
                rs.getString("redacted_text"),
                json.readValue(rs.getString("findings"), FINDINGS),
                rs.getString("model_version"),
                rs.getTimestamp("triaged_at").toInstant());
    }
}
