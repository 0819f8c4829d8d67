package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code message_triage} table. */
@Repository
class TriageResults {

    private static final TypeReference<List<PersonalData>> FINDINGS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final String COLUMNS = """
            t.message_id, t.language, t.language_confidence, t.redacted_text, t.findings::text AS findings,
            t.model_version, t.triaged_at, t.emergency_hazard, t.emergency_evidence, t.sentiment_compound,
            t.category, t.category_confidence, t.category_needs_human, t.category_why::text AS category_why,
            t.category_why_kind
            """;

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
        var emergency = result.emergency();
        var category = result.category();
        return jdbc.sql("""
                        INSERT INTO message_triage (message_id, language, language_confidence, redacted_text,
                                                    findings, model_version, triaged_at, emergency_hazard,
                                                    emergency_evidence, sentiment_compound, category,
                                                    category_confidence, category_needs_human, category_why,
                                                    category_why_kind)
                        SELECT m.id, :language, :confidence, :redacted, CAST(:findings AS jsonb), :model, :at,
                               :hazard, :evidence, :sentiment, :category, :categoryConfidence, :needsHuman,
                               CAST(:why AS jsonb), :whyKind
                          FROM message m
                         WHERE m.id = :id AND m.body = :text
                        ON CONFLICT (message_id) DO UPDATE SET
                            language = EXCLUDED.language,
                            language_confidence = EXCLUDED.language_confidence,
                            redacted_text = EXCLUDED.redacted_text,
                            findings = EXCLUDED.findings,
                            model_version = EXCLUDED.model_version,
                            triaged_at = EXCLUDED.triaged_at,
                            emergency_hazard = EXCLUDED.emergency_hazard,
                            emergency_evidence = EXCLUDED.emergency_evidence,
                            sentiment_compound = EXCLUDED.sentiment_compound,
                            category = EXCLUDED.category,
                            category_confidence = EXCLUDED.category_confidence,
                            category_needs_human = EXCLUDED.category_needs_human,
                            category_why = EXCLUDED.category_why,
                            category_why_kind = EXCLUDED.category_why_kind
                        """)
                        .param("id", result.messageId().value())
                        .param("language", result.language())
                        .param("confidence", result.languageConfidence())
                        .param("redacted", result.redactedText())
                        .param("findings", json.writeValueAsString(result.personalData()))
                        .param("model", result.modelVersion())
                        .param("at", Timestamp.from(result.triagedAt()))
                        .param("hazard", emergency == null ? null : emergency.hazard())
                        .param("evidence", emergency == null ? null : emergency.evidence())
                        .param("sentiment", result.sentiment(), java.sql.Types.DOUBLE)
                        .param("category", category == null ? null : category.service())
                        .param(
                                "categoryConfidence",
                                category == null ? null : category.confidence(),
                                java.sql.Types.DOUBLE)
                        .param("needsHuman", category != null && category.needsHuman())
                        .param("why", json.writeValueAsString(category == null ? List.of() : category.why()))
                        .param("whyKind", category == null ? null : category.whyKind())
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
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_triage t WHERE t.message_id = :id")
                .param("id", id.value())
                .query(this::row)
                .optional();
    }

    Map<MessageId, MessageTriage> findAll(Collection<MessageId> ids) {
        var result = new HashMap<MessageId, MessageTriage>();
        if (ids.isEmpty()) return result;
        jdbc.sql("SELECT " + COLUMNS + " FROM message_triage t WHERE t.message_id IN (:ids)")
                .param("ids", ids.stream().map(MessageId::value).toList())
                .query(this::row)
                .list()
                .forEach(t -> result.put(t.messageId(), t));
        return result;
    }

    /** Messages (not retracted) in a triage view, newest first as in the inbox. */
    List<MessageId> messagesIn(TriageFilter filter, int limit, int offset) {
        String condition = switch (filter) {
            case NEEDS_HUMAN ->
                "t.category_needs_human AND NOT EXISTS (SELECT 1 FROM triage_correction c"
                        + " WHERE c.message_id = t.message_id AND c.stage = 'category')";
            case EMERGENCY -> "t.emergency_hazard IS NOT NULL";
            case CORRECTED ->
                "EXISTS (SELECT 1 FROM triage_correction c WHERE c.message_id = t.message_id"
                        + " AND c.stage = 'category')";
        };
        return jdbc.sql("SELECT t.message_id FROM message_triage t JOIN message m ON m.id = t.message_id"
                        + " WHERE m.retracted_at IS NULL AND " + condition
                        + " ORDER BY m.received_at DESC, m.id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, i) -> new MessageId(rs.getObject(1, UUID.class)))
                .list();
    }

    private MessageTriage row(ResultSet rs, int n) throws SQLException {
        String hazard = rs.getString("emergency_hazard");
        String category = rs.getString("category");
        double sentiment = rs.getDouble("sentiment_compound");
        Double sentimentOrNull = rs.wasNull() ? null : sentiment;
        return new MessageTriage(
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("language"),
                rs.getDouble("language_confidence"),
                rs.getString("redacted_text"),
                json.readValue(rs.getString("findings"), FINDINGS),
                rs.getString("model_version"),
                rs.getTimestamp("triaged_at").toInstant(),
                hazard == null ? null : new MessageTriage.Emergency(hazard, rs.getString("emergency_evidence")),
                sentimentOrNull,
                category == null
                        ? null
                        : new MessageTriage.Category(
                                category,
                                rs.getDouble("category_confidence"),
                                rs.getBoolean("category_needs_human"),
                                json.readValue(rs.getString("category_why"), STRINGS),
                                rs.getString("category_why_kind")));
    }
}
