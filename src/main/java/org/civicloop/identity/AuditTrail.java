package org.civicloop.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The append-only audit trail. Each record carries the SHA-256 of the one before it, so a record
 * changed or removed afterwards breaks the chain ({@link #verify()}).
 */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    AuditTrail(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
        record(actor, action, subjectType, subjectId, details, clock.instant());
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(
            String actor, String action, String subjectType, String subjectId, Map<String, ?> details, Instant at) {
        // one writer at a time keeps the chain linear
        jdbc.sql("SELECT pg_advisory_xact_lock(7311001)").query(Object.class).single();
        String previous = jdbc.sql("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
                .query(String.class)
                .optional()
                .orElse(GENESIS);
        String detailsJson = json.writeValueAsString(details == null ? Map.of() : new java.util.TreeMap<>(details));
        Instant when = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String hash = hash(previous, when, actor, action, subjectType, subjectId, detailsJson);
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, action, subject_type, subject_id, details, prev_hash, hash)
                VALUES (:at, :actor, :action, :type, :subject, CAST(:details AS jsonb), :prev, :hash)
                """)
                .param("at", Timestamp.from(when))
                .param("actor", actor)
                .param("action", action)
                .param("type", subjectType)
                .param("subject", subjectId)
                .param("details", detailsJson)
                .param("prev", previous)
                .param("hash", hash)
                .update();
    }

    /** Recomputes the chain; answers the id of the first record that does not fit, or -1. */
    @Transactional(readOnly = true)
    public long verify() {
        record Row(
                long id,
                Instant at,
                String actor,
                String action,
                String type,
                String subject,
                String details,
                String prev,
                String hash) {}
        List<Row> rows = jdbc.sql(
                        "SELECT id, occurred_at, actor, action, subject_type, subject_id, details::text AS d, prev_hash, hash FROM audit_event ORDER BY id")
                .query((rs, i) -> new Row(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("subject_type"),
                        rs.getString("subject_id"),
                        rs.getString("d"),
                        rs.getString("prev_hash"),
                        rs.getString("hash")))
                .list();
        String previous = GENESIS;
        for (Row row : rows) {
            String canonical = json.writeValueAsString(json.readValue(row.details(), java.util.TreeMap.class));
            if (!row.prev().equals(previous)
                    || !row.hash()
                            .equals(hash(
                                    previous,
                                    row.at(),
                                    row.actor(),
                                    row.action(),
                                    row.type(),
                                    row.subject(),
                                    canonical))) {
                return row.id();
            }
            previous = row.hash();
        }
        return -1;
    }

    @Transactional(readOnly = true)
    public List<AuditRecord> forSubject(String subjectType, String subjectId) {
        return jdbc.sql(
                        "SELECT occurred_at, actor, action, details::text AS d FROM audit_event WHERE subject_type = :t AND subject_id = :s ORDER BY id")
                .param("t", subjectType)
                .param("s", subjectId)
                .query((rs, i) -> new AuditRecord(
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("d")))
                .list();
    }

    public record AuditRecord(Instant at, String actor, String action, String details) {}

    private static String hash(
            String previous, Instant at, String actor, String action, String type, String subject, String details) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {previous, at.toString(), actor, action, type, subject, details}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
