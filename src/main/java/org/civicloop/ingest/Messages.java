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
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final SecureRandom random = new SecureRandom();

    Messages(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
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
        insertContactAndMedia(id, in);
        return Optional.of(new Receipt(new MessageId(id), reference, true));
    }

    private void insertContactAndMedia(UUID id, InboundMessage in) {
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
    }

    /**
     * Stores a batch as {@link #insertIfAbsent} would one message after the other, with a few
     * statements for the whole batch instead of several per message: one lookup of what the batch
     * is and answers, one multi-row {@code INSERT … ON CONFLICT DO NOTHING}, one update joining
     * replies that arrived before what they answer. Answers, in the batch's order, the receipt of
     * each message stored now, or empty for one already stored (or repeated in the batch).
     */
    List<Optional<Receipt>> insertAllIfAbsent(List<InboundMessage> batch, Instant receivedAt) {
        if (batch.size() < 2) return oneByOne(batch, receivedAt);
        // (channel, external id) of the batch's messages and of those they answer
        var keyChannels = new ArrayList<String>();
        var keys = new ArrayList<String>();
        for (InboundMessage m : batch) {
            keyChannels.add(m.channel().code());
            keys.add(m.externalId());
            for (String ref : m.threadRefs()) {
                keyChannels.add(m.channel().code());
                keys.add(ref);
            }
        }
        // what is stored already: messages of the batch (redeliveries) and those it answers; joined on
        // exact pairs so that each is one probe of the (channel, external_id) index
        record Known(UUID conversation, Instant postedAt) {}
        var known = new HashMap<String, Known>();
        queryPlannedForTheirValues(
                        """
                SELECT m.channel, m.external_id, m.conversation_id, m.posted_at
                FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(channel, external_id)
                JOIN message m ON m.channel = k.channel AND m.external_id = k.external_id
                """,
                        (rs, i) -> Map.entry(
                                key(rs.getString("channel"), rs.getString("external_id")),
                                new Known(
                                        rs.getObject("conversation_id", UUID.class),
                                        rs.getTimestamp("posted_at").toInstant())),
                        textArray(keyChannels),
                        textArray(keys))
                .forEach(e -> known.put(e.getKey(), e.getValue()));

        int n = batch.size();
        var ids = new UUID[n];
        var references = new String[n];
        var conversations = new UUID[n];
        var fresh = new boolean[n];
        for (int i = 0; i < n; i++) {
            InboundMessage m = batch.get(i);
            String key = key(m.channel().code(), m.externalId());
            if (known.containsKey(key)) continue; // stored before, or earlier in this batch
            ids[i] = UUID.randomUUID();
            references[i] = newReference();
            // it joins the conversation of the earliest message it answers, as insertIfAbsent does
            Known parent = null;
            for (String ref : m.threadRefs()) {
                Known k = known.get(key(m.channel().code(), ref));
                if (k != null && (parent == null || k.postedAt().isBefore(parent.postedAt()))) parent = k;
            }
            conversations[i] = parent == null ? ids[i] : parent.conversation();
            known.put(key, new Known(conversations[i], m.postedAt()));
            fresh[i] = true;
        }
        var inserted =
                new java.util.HashSet<UUID>(insertRows(batch, fresh, ids, references, conversations, receivedAt));
        joinWaitingReplies(batch, ids, conversations, inserted);
        var receipts = new ArrayList<Optional<Receipt>>(n);
        for (int i = 0; i < n; i++) {
            if (fresh[i] && inserted.contains(ids[i])) {
                insertContactAndMedia(ids[i], batch.get(i));
                receipts.add(Optional.of(new Receipt(new MessageId(ids[i]), references[i], true)));
            } else {
                receipts.add(Optional.empty());
            }
        }
        return receipts;
    }

    private List<Optional<Receipt>> oneByOne(List<InboundMessage> batch, Instant receivedAt) {
        return batch.stream().map(m -> insertIfAbsent(m, receivedAt)).toList();
    }

    /**
     * Replies stored before the message they answer (alone in their conversation until now) join
     * its conversation, with whatever joined them: for the whole batch, what {@link
     * #insertIfAbsent} does message by message. A reply answering several of the batch's messages
     * joins the first of them, as it would have one after the other.
     */
    private void joinWaitingReplies(
            List<InboundMessage> batch, UUID[] ids, UUID[] conversations, java.util.Set<UUID> inserted) {
        var channels = new ArrayList<String>();
        var externalIds = new ArrayList<String>();
        var newIds = new ArrayList<String>();
        var newConversations = new ArrayList<String>();
        for (int i = 0; i < batch.size(); i++) {
            if (ids[i] == null || !inserted.contains(ids[i])) continue;
            channels.add(batch.get(i).channel().code());
            externalIds.add(batch.get(i).externalId());
            newIds.add(ids[i].toString());
            newConversations.add(conversations[i].toString());
        }
        if (newIds.isEmpty()) return;
        updatePlannedForTheirValues(
                """
                UPDATE message t SET conversation_id = j.conversation
                FROM (
                    SELECT DISTINCT ON (w.id) w.id AS waiting, n.conversation
                    FROM (SELECT id, channel, thread_refs FROM message
                          WHERE thread_refs && CAST(? AS text[]) AND conversation_id = id) w
                    JOIN unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS uuid[]))
                            WITH ORDINALITY AS n(channel, external_id, id, conversation, ord)
                        ON n.channel = w.channel AND n.external_id = ANY (w.thread_refs) AND n.id <> w.id
                    ORDER BY w.id, n.ord
                ) j
                WHERE t.conversation_id = j.waiting
                """,
                textArray(externalIds),
                textArray(channels),
                textArray(externalIds),
                textArray(newIds),
                textArray(newConversations));
    }

    /** One multi-row insert of the fresh messages; answers the ids it stored. */
    private List<UUID> insertRows(
            List<InboundMessage> batch,
            boolean[] fresh,
            UUID[] ids,
            String[] references,
            UUID[] conversations,
            Instant receivedAt) {
        var rows = new ArrayList<Integer>();
        for (int i = 0; i < fresh.length; i++) if (fresh[i]) rows.add(i);
        if (rows.isEmpty()) return List.of();
        int n = rows.size();
        var id = new UUID[n];
        var channel = new String[n];
        var externalId = new String[n];
        var reference = new String[n];
        var handle = new String[n];
        var name = new String[n];
        var body = new String[n];
        var language = new String[n];
        var address = new String[n];
        var lat = new Double[n];
        var lng = new Double[n];
        var postedAt = new Timestamp[n];
        var replyTo = new String[n];
        var url = new String[n];
        var raw = new String[n];
        var conversation = new UUID[n];
        var refs = new String[n];
        for (int r = 0; r < n; r++) {
            int i = rows.get(r);
            InboundMessage m = batch.get(i);
            id[r] = ids[i];
            channel[r] = m.channel().code();
            externalId[r] = m.externalId();
            reference[r] = references[i];
            handle[r] = m.authorHandle();
            name[r] = m.authorName();
            body[r] = m.text();
            language[r] = m.language();
            address[r] = m.address();
            lat[r] = m.location() == null ? null : m.location().latitude();
            lng[r] = m.location() == null ? null : m.location().longitude();
            postedAt[r] = Timestamp.from(m.postedAt());
            replyTo[r] = m.replyTo();
            url[r] = m.url();
            raw[r] = m.rawPayload();
            conversation[r] = conversations[i];
            refs[r] = m.threadRefs().isEmpty() ? null : jsonArray(m.threadRefs());
        }
        return jdbcTemplate.execute((org.springframework.jdbc.core.ConnectionCallback<List<UUID>>) c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO message (id, channel, external_id, public_reference, author_handle, author_name, body,
                        language, address, latitude, longitude, posted_at, received_at, reply_to, url, raw,
                        conversation_id, thread_refs)
                    SELECT u.id, u.channel, u.external_id, u.reference, u.handle, u.name, u.body, u.language,
                        u.address, u.lat, u.lng, u.posted_at, ?, u.reply_to, u.url, CAST(u.raw AS jsonb),
                        u.conversation,
                        CASE WHEN u.refs IS NULL THEN NULL
                             ELSE ARRAY(SELECT jsonb_array_elements_text(CAST(u.refs AS jsonb))) END
                    FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        AS u(id, channel, external_id, reference, handle, name, body, language, address, lat, lng,
                             posted_at, reply_to, url, raw, conversation, refs)
                    ON CONFLICT (channel, external_id) DO NOTHING
                    RETURNING id
                    """)) {
                s.setTimestamp(1, Timestamp.from(receivedAt));
                s.setArray(2, c.createArrayOf("uuid", id));
                s.setArray(3, c.createArrayOf("text", channel));
                s.setArray(4, c.createArrayOf("text", externalId));
                s.setArray(5, c.createArrayOf("text", reference));
                s.setArray(6, c.createArrayOf("text", handle));
                s.setArray(7, c.createArrayOf("text", name));
                s.setArray(8, c.createArrayOf("text", body));
                s.setArray(9, c.createArrayOf("text", language));
                s.setArray(10, c.createArrayOf("text", address));
                s.setArray(11, c.createArrayOf("float8", lat));
                s.setArray(12, c.createArrayOf("float8", lng));
                s.setArray(13, c.createArrayOf("timestamptz", postedAt));
                s.setArray(14, c.createArrayOf("text", replyTo));
                s.setArray(15, c.createArrayOf("text", url));
                s.setArray(16, c.createArrayOf("text", raw));
                s.setArray(17, c.createArrayOf("uuid", conversation));
                s.setArray(18, c.createArrayOf("text", refs));
                var stored = new ArrayList<UUID>(n);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) stored.add(rs.getObject(1, UUID.class));
                }
                return stored;
            }
        });
    }

    /**
     * Runs a query planned for the values it is given, every time. The batch queries take whole
     * arrays of ids: a plan cached for "any array" (the driver prepares a statement on the server
     * after a few runs) may scan the table, and one made while the table was small stays in use
     * as it grows.
     */
    private <T> List<T> queryPlannedForTheirValues(
            String sql, org.springframework.jdbc.core.RowMapper<T> rows, String... textParameters) {
        return jdbcTemplate.execute((org.springframework.jdbc.core.ConnectionCallback<List<T>>) c -> {
            try (var s = c.prepareStatement(sql)) {
                if (s.isWrapperFor(org.postgresql.PGStatement.class)) {
                    s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                }
                for (int i = 0; i < textParameters.length; i++) s.setString(i + 1, textParameters[i]);
                var result = new ArrayList<T>();
                try (var rs = s.executeQuery()) {
                    int n = 0;
                    while (rs.next()) result.add(rows.mapRow(rs, n++));
                }
                return result;
            }
        });
    }

    private int updatePlannedForTheirValues(String sql, String... textParameters) {
        return jdbcTemplate.execute((org.springframework.jdbc.core.ConnectionCallback<Integer>) c -> {
            try (var s = c.prepareStatement(sql)) {
                if (s.isWrapperFor(org.postgresql.PGStatement.class)) {
                    s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                }
                for (int i = 0; i < textParameters.length; i++) s.setString(i + 1, textParameters[i]);
                return s.executeUpdate();
            }
        });
    }

    /** Receipts of stored messages, by (channel, external id). */
    Map<String, Receipt> findReceipts(List<InboundMessage> batch) {
        var result = new HashMap<String, Receipt>();
        if (batch.isEmpty()) return result;
        queryPlannedForTheirValues(
                        """
                        SELECT m.id, m.channel, m.external_id, m.public_reference
                        FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(channel, external_id)
                        JOIN message m ON m.channel = k.channel AND m.external_id = k.external_id
                        """,
                        (rs, i) -> Map.entry(
                                key(rs.getString("channel"), rs.getString("external_id")),
                                new Receipt(
                                        new MessageId(rs.getObject("id", UUID.class)),
                                        rs.getString("public_reference"),
                                        false)),
                        textArray(batch.stream().map(m -> m.channel().code()).toList()),
                        textArray(batch.stream().map(InboundMessage::externalId).toList()))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    static String key(String channel, String externalId) {
        return channel + "\u0000" + externalId;
    }

    /** A PostgreSQL array literal of texts, passed as one text parameter and cast in SQL. */
    private static String textArray(java.util.Collection<String> values) {
        var sb = new StringBuilder("{");
        for (String v : values) {
            if (sb.length() > 1) sb.append(',');
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '"' || ch == '\\') sb.append('\\');
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    private static String jsonArray(List<String> values) {
        var sb = new StringBuilder("[");
        for (String v : values) {
            if (sb.length() > 1) sb.append(',');
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> {
                        if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                        else sb.append(ch);
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
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
