package org.civicloop.triage.duplicates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.DuplicateKind;
import org.civicloop.triage.MessageDuplicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code message_duplicate} table. */
@Repository
public class DuplicateResults {

    private final JdbcClient jdbc;

    DuplicateResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores (or replaces) the result for a message that still exists. */
    void store(MessageDuplicate result, Instant postedAt, Instant receivedAt) {
        jdbc.sql("""
                        INSERT INTO message_duplicate (message_id, posted_at, received_at, kind, matched_message_id,
                                                       case_id, similarity, distance_meters, action, group_id,
                                                       model_version, checked_at)
                        SELECT m.id, :posted, :received, :kind, :matched, :case, :similarity, :distance, :action,
                               :group, :model, :at
                          FROM message m WHERE m.id = :id
                        ON CONFLICT (message_id) DO UPDATE SET
                            kind = EXCLUDED.kind,
                            matched_message_id = EXCLUDED.matched_message_id,
                            case_id = EXCLUDED.case_id,
                            similarity = EXCLUDED.similarity,
                            distance_meters = EXCLUDED.distance_meters,
                            action = EXCLUDED.action,
                            group_id = COALESCE(EXCLUDED.group_id, message_duplicate.group_id),
                            model_version = EXCLUDED.model_version,
                            checked_at = EXCLUDED.checked_at
                        """)
                .param("id", result.messageId().value())
                .param("posted", Timestamp.from(postedAt))
                .param("received", Timestamp.from(receivedAt))
                .param("kind", result.kind().code())
                .param(
                        "matched",
                        result.matchedMessage() == null
                                ? null
                                : result.matchedMessage().value())
                .param("case", result.caseId() == null ? null : result.caseId().value())
                .param("similarity", Math.max(-1, Math.min(1, result.similarity())))
                .param("distance", result.distanceMeters())
                .param("action", result.action().code())
                .param("group", result.groupId())
                .param("model", result.modelVersion())
                .param("at", Timestamp.from(result.checkedAt()))
                .update();
    }

    /** The group a message belongs to, if it was grouped or others were grouped with it. */
    Optional<UUID> groupOf(MessageId id) {
        return jdbc.sql("SELECT group_id FROM message_duplicate WHERE message_id = :id AND group_id IS NOT NULL")
                .param("id", id.value())
                .query(UUID.class)
                .optional();
    }

    /** Puts a message (already checked) into a group, unless it is in one already. */
    void joinGroup(MessageId id, UUID group) {
        jdbc.sql("UPDATE message_duplicate SET group_id = :group WHERE message_id = :id AND group_id IS NULL")
                .param("id", id.value())
                .param("group", group)
                .update();
    }

    void delete(MessageId id) {
        jdbc.sql("DELETE FROM message_duplicate WHERE message_id = :id")
                .param("id", id.value())
                .update();
    }

    /** The messages that arrived since a moment, latest last, at most {@code limit} of the latest. */
    List<MessageId> receivedSince(Instant since, int limit) {
        return jdbc.sql("""
                        SELECT message_id FROM (
                            SELECT message_id, received_at FROM message_duplicate
                             WHERE received_at >= :since ORDER BY received_at DESC LIMIT :limit) latest
                         ORDER BY received_at
                        """)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, n) -> new MessageId(rs.getObject(1, UUID.class)))
                .list();
    }

    public Optional<MessageDuplicate> find(MessageId id) {
        return jdbc.sql(SELECT + " WHERE message_id = :id")
                .param("id", id.value())
                .query(this::row)
                .optional();
    }

    /** The messages of a group, in the order they were posted. */
    public List<MessageDuplicate> group(UUID group) {
        return jdbc.sql(SELECT + " WHERE group_id = :group ORDER BY posted_at, message_id")
                .param("group", group)
                .query(this::row)
                .list();
    }

    /** The messages suggested to staff as reporters of a case, most alike first. */
    public List<MessageDuplicate> suggestedFor(CaseId caseId) {
        return jdbc.sql(SELECT + " WHERE case_id = :case AND action = 'suggested' ORDER BY similarity DESC")
                .param("case", caseId.value())
                .query(this::row)
                .list();
    }

    private static final String SELECT = """
            SELECT message_id, kind, matched_message_id, case_id, similarity, distance_meters, action, group_id,
                   model_version, checked_at
              FROM message_duplicate""";

    private MessageDuplicate row(ResultSet rs, int n) throws SQLException {
        UUID matched = rs.getObject("matched_message_id", UUID.class);
        UUID caseId = rs.getObject("case_id", UUID.class);
        double distance = rs.getDouble("distance_meters");
        Double distanceMeters = rs.wasNull() ? null : distance;
        return new MessageDuplicate(
                new MessageId(rs.getObject("message_id", UUID.class)),
                DuplicateKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                matched == null ? null : new MessageId(matched),
                caseId == null ? null : new CaseId(caseId),
                rs.getDouble("similarity"),
                distanceMeters,
                DuplicateAction.valueOf(rs.getString("action").toUpperCase(Locale.ROOT)),
                rs.getObject("group_id", UUID.class),
                rs.getString("model_version"),
                rs.getTimestamp("checked_at").toInstant());
    }
}
