package org.civicloop.ingest;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Resident messages in PostgreSQL, stored once per (channel, external id). */
@Repository
class Messages {

    private static final char[] REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final String SELECT = """
            SELECT m.*, (SELECT count(*) FROM message_media mm WHERE mm.message_id = m.id) AS media_count
            FROM message m
            """;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the message unless (channel, external id) is already there; empty when it was. */
    Optional<Receipt> insertIfAbsent(InboundMessage in, Instant receivedAt) {
        UUID id = UUID.randomUUID();
        String reference = newReference();
        var p = new HashMap<String, Object>();
        p.put("id", id);
        p.put("channel", in.channel().code());
        p.put("externalId", in.externalId());
        p.put("reference", reference);
        p.put("handle", in.authorHandle());
        p.put("name", in.authorName());
        p.put("body", in.text());
        p.put("language", in.language());
        p.put("address", in.address());
        p.put("lat", in.location() == null ? null : in.location().latitude());
        p.put("lng", in.location() == null ? null : in.location().longitude());
        p.put("postedAt", Timestamp.from(in.postedAt()));
        p.put("receivedAt", Timestamp.from(receivedAt));
        p.put("replyTo", in.replyTo());
        p.put("url", in.url());
        p.put("raw", in.rawPayload());
        String[] refs = in.threadRefs().isEmpty() ? null : in.threadRefs().toArray(String[]::new);
        p.put("refs", refs);
        UUID conversation = refs == null
                ? id
                : jdbc.sql("""
                                SELECT conversation_id FROM message WHERE channel = :channel AND external_id = ANY(:refs)
                                ORDER BY posted_at LIMIT 1
                                """)
                        .param("channel", in.channel().code())
                        .param("refs", refs)
                        .query(UUID.class)
                        .optional()
                        .orElse(id);
        p.put("conversation", conversation);
        List<UUID> inserted = jdbc.sql("""
                INSERT INTO message (id, channel, external_id, public_reference, author_handle, author_name, body,
                    language, address, latitude, longitude, posted_at, received_at, reply_to, url, raw,
                    conversation_id, thread_refs)
                VALUES (:id, :channel, :externalId, :reference, :handle, :name, :body, :language, :address, :lat,
                    :lng, :postedAt, :receivedAt, :replyTo, :url, CAST(:raw AS jsonb), :conversation, :refs)
                ON CONFLICT (channel, external_id) DO NOTHING
                RETURNING id
                """).params(p).query(UUID.class).list();
        if (inserted.isEmpty()) return Optional.empty();
        // replies that arrived before this message join its conversation, with whatever joined them
        jdbc.sql("""
                UPDATE message SET conversation_id = :conversation
                WHERE conversation_id IN (
                    SELECT id FROM message
                    WHERE channel = :channel AND thread_refs @> ARRAY[CAST(:externalId AS text)]
                      AND conversation_id = id AND id <> :id)
                """)
                .param("conversation", conversation)
                .param("channel", in.channel().code())
                .param("externalId", in.externalId())
                .param("id", id)
                .update();
        if (in.contact() != null && !in.contact().isEmpty()) {
            jdbc.sql("INSERT INTO message_contact (message_id, email, phone) VALUES (:id, :email, :phone)")
                    .param("id", id)
                    .param("email", blankToNull(in.contact().email()))
                    .param("phone", blankToNull(in.contact().phone()))
                    .update();
        }
        for (var media : in.media()) {
            jdbc.sql("""
                    INSERT INTO message_media (id, message_id, content_type, file_name, size_bytes, content)
                    VALUES (:mid, :id, :type, :name, :size, :content)
                    """)
                    .param("mid", UUID.randomUUID())
                    .param("id", id)
                    .param("type", media.contentType())
                    .param("name", media.fileName())
                    .param("size", media.content().length)
                    .param("content", media.content())
                    .update();
        }
        return Optional.of(new Receipt(new MessageId(id), reference, true));
    }

    /** Replaces the text, keeping the previous one as a revision; empty when unknown or retracted. */
    Optional<MessageId> edit(String channel, String externalId, String newText, String raw, Instant at) {
        var id = jdbc.sql(
                        "SELECT id FROM message WHERE channel = :c AND external_id = :e AND retracted_at IS NULL FOR UPDATE")
                .param("c", channel)
                .param("e", externalId)
                .query(UUID.class)
                .optional();
        if (id.isEmpty()) return Optional.empty();
        jdbc.sql("""
                INSERT INTO message_revision (message_id, body, raw, replaced_at)
                SELECT id, body, raw, :at FROM message WHERE id = :id
                """).param("id", id.get()).param("at", Timestamp.from(at)).update();
        jdbc.sql(
                        "UPDATE message SET body = :body, raw = coalesce(CAST(:raw AS jsonb), raw), edited_at = :at WHERE id = :id")
                .param("id", id.get())
                .param("body", newText)
                .param("raw", raw)
                .param("at", Timestamp.from(at))
                .update();
        return Optional.of(new MessageId(id.get()));
    }

    /** Marks a message retracted; empty when unknown or already retracted. */
    Optional<MessageId> retract(String channel, String externalId, String reason, Instant at) {
        return jdbc.sql("""
                UPDATE message SET retracted_at = :at, retraction_reason = :reason
                WHERE channel = :c AND external_id = :e AND retracted_at IS NULL
                RETURNING id
                """)
                .param("c", channel)
                .param("e", externalId)
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .query((rs, i) -> new MessageId(rs.getObject("id", UUID.class)))
                .optional();
    }

    /** The messages of a conversation that are not retracted, in the order they were posted. */
    List<Message> conversation(MessageId conversationId) {
        return jdbc.sql(SELECT + " WHERE m.conversation_id = :c AND m.retracted_at IS NULL ORDER BY m.posted_at, m.id")
                .param("c", conversationId.value())
                .query(Messages::map)
                .list();
    }

    List<String> revisions(MessageId id) {
        return jdbc.sql("SELECT body FROM message_revision WHERE message_id = :id ORDER BY id")
                .param("id", id.value())
                .query(String.class)
                .list();
    }

    Optional<String> cursor(String connector) {
        return jdbc.sql("SELECT position FROM connector_cursor WHERE connector = :c")
                .param("c", connector)
                .query(String.class)
                .optional();
    }

    void moveCursor(String connector, String position, Instant at) {
        jdbc.sql("""
                INSERT INTO connector_cursor (connector, position, updated_at) VALUES (:c, :p, :at)
                ON CONFLICT (connector) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at
                """)
                .param("c", connector)
                .param("p", position)
                .param("at", Timestamp.from(at))
                .update();
    }

    Optional<Receipt> findReceipt(String channel, String externalId) {
        return jdbc.sql("SELECT id, public_reference FROM message WHERE channel = :c AND external_id = :e")
                .param("c", channel)
                .param("e", externalId)
                .query((rs, i) -> new Receipt(
                        new MessageId(rs.getObject("id", UUID.class)), rs.getString("public_reference"), false))
                .optional();
    }

    Optional<Message> findById(MessageId id) {
        return jdbc.sql(SELECT + " WHERE m.id = :id")
                .param("id", id.value())
                .query(Messages::map)
                .optional();
    }

    Optional<Message> findByReference(String reference) {
        return jdbc.sql(SELECT + " WHERE m.public_reference = upper(:ref) AND m.retracted_at IS NULL")
                .param("ref", reference)
                .query(Messages::map)
                .optional();
    }

    List<Message> find(InboxFilter filter, int limit, int offset) {
        var where = new ArrayList<String>();
        where.add("m.retracted_at IS NULL");
        var params = new HashMap<String, Object>();
        if (filter.channel() != null) {
            where.add("m.channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.status() != null) {
            where.add("m.status = :status");
            params.put("status", filter.status().code());
        }
        if (filter.since() != null) {
            where.add("m.received_at >= :since");
            params.put("since", Timestamp.from(filter.since()));
        }
        if (filter.text() != null) {
            where.add(
                    "(m.search @@ plainto_tsquery('simple', :text) OR m.body ILIKE :like OR m.public_reference = upper(:text))");
            params.put("text", filter.text());
            params.put(
                    "like",
                    "%"
                            + filter.text()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        String sql = SELECT + " WHERE " + String.join(" AND ", where)
                + " ORDER BY m.received_at DESC, m.id LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql)
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query(Messages::map)
                .list();
    }

    Map<String, Long> countByStatus() {
        var counts = new HashMap<String, Long>();
        jdbc.sql("SELECT status, count(*) AS n FROM message WHERE retracted_at IS NULL GROUP BY status")
                .query((rs, i) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    List<String> channelsInUse() {
        return jdbc.sql("SELECT DISTINCT channel FROM message ORDER BY channel")
                .query(String.class)
                .list();
    }

    void markInCase(MessageId id, UUID caseId, String caseReference) {
        jdbc.sql("UPDATE message SET status = 'in_case', case_id = :case, case_reference = :ref WHERE id = :id")
                .param("id", id.value())
                .param("case", caseId)
                .param("ref", caseReference)
                .update();
    }

    Optional<InboundMessage.Contact> contact(MessageId id) {
        return jdbc.sql("SELECT email, phone FROM message_contact WHERE message_id = :id")
                .param("id", id.value())
                .query((rs, i) -> new InboundMessage.Contact(rs.getString("email"), rs.getString("phone")))
                .optional();
    }

    List<StoredMedia> media(MessageId id) {
        return jdbc.sql("SELECT id, content_type, file_name, size_bytes FROM message_media WHERE message_id = :id")
                .param("id", id.value())
                .query((rs, i) -> new StoredMedia(
                        rs.getObject("id", UUID.class),
                        rs.getString("content_type"),
                        rs.getString("file_name"),
                        rs.getInt("size_bytes")))
                .list();
    }

    Optional<MediaContent> mediaContent(UUID mediaId) {
        return jdbc.sql("SELECT content_type, content FROM message_media WHERE id = :id")
                .param("id", mediaId)
                .query((rs, i) -> new MediaContent(rs.getString("content_type"), rs.getBytes("content")))
                .optional();
    }

    private String newReference() {
        char[] chars = new char[8];
        for (int i = 0; i < chars.length; i++) chars[i] = REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)];
        return "M-" + new String(chars, 0, 4) + "-" + new String(chars, 4, 4);
    }

    private static Message map(ResultSet rs, int i) throws SQLException {
        return new Message(
                new MessageId(rs.getObject("id", UUID.class)),
                rs.getString("channel"),
                rs.getString("external_id"),
                rs.getString("public_reference"),
                rs.getString("author_handle"),
                rs.getString("author_name"),
                rs.getString("body"),
                rs.getString("language"),
                rs.getString("address"),
                GeoPoint.ofNullable(rs.getObject("latitude", Double.class), rs.getObject("longitude", Double.class)),
                rs.getTimestamp("posted_at").toInstant(),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("url"),
                MessageStatus.fromCode(rs.getString("status")),
                rs.getString("case_reference"),
                rs.getInt("media_count"),
                rs.getTimestamp("retracted_at") != null,
                new MessageId(rs.getObject("conversation_id", UUID.class)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
