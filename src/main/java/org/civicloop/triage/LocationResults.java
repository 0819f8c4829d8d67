package org.civicloop.triage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code message_location} table: where each message is about. */
@Repository
class LocationResults {

    private final JdbcClient jdbc;

    LocationResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores (or replaces) a message's location, only if the message still has the text that was
     * read: a location found in a text since edited never overwrites a newer one.
     */
    boolean store(MessageLocation l, String readText) {
        return jdbc.sql("""
                        INSERT INTO message_location (message_id, found_text, kind, latitude, longitude, neighbourhood,
                                                      confidence, source, version, located_at)
                        SELECT m.id, :text, :kind, :lat, :lng, :hood, :confidence, :source, :version, :at
                          FROM message m
                         WHERE m.id = :id AND m.body IS NOT DISTINCT FROM :body
                        ON CONFLICT (message_id) DO UPDATE SET
                            found_text = EXCLUDED.found_text,
                            kind = EXCLUDED.kind,
                            latitude = EXCLUDED.latitude,
                            longitude = EXCLUDED.longitude,
                            neighbourhood = EXCLUDED.neighbourhood,
                            confidence = EXCLUDED.confidence,
                            source = EXCLUDED.source,
                            version = EXCLUDED.version,
                            located_at = EXCLUDED.located_at
                        """)
                        .param("id", l.messageId().value())
                        .param("text", l.foundText())
                        .param("kind", l.kind())
                        .param("lat", l.point() == null ? null : l.point().latitude(), java.sql.Types.DOUBLE)
                        .param("lng", l.point() == null ? null : l.point().longitude(), java.sql.Types.DOUBLE)
                        .param("hood", l.neighbourhood(), java.sql.Types.VARCHAR)
                        .param("confidence", l.confidence())
                        .param("source", l.source())
                        .param("version", l.version())
                        .param("at", Timestamp.from(l.locatedAt()))
                        .param("body", readText, java.sql.Types.VARCHAR)
                        .update()
                > 0;
    }

    void delete(MessageId id) {
        jdbc.sql("DELETE FROM message_location WHERE message_id = :id")
                .param("id", id.value())
                .update();
    }

    Optional<MessageLocation> find(MessageId id) {
        return jdbc.sql(SELECT + " WHERE message_id = :id")
                .param("id", id.value())
                .query(this::row)
                .optional();
    }

    List<MessageLocation> inNeighbourhood(String neighbourhood, int limit) {
        return jdbc.sql(SELECT + " WHERE neighbourhood = :hood ORDER BY located_at DESC, message_id LIMIT :limit")
                .param("hood", neighbourhood)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    private static final String SELECT = """
            SELECT message_id, kind, found_text, latitude, longitude, neighbourhood, confidence, source, version,
                   located_at
              FROM message_location""";

    private MessageLocation row(ResultSet rs, int n) throws SQLException {
        double lat = rs.getDouble("latitude");
        boolean noPoint = rs.wasNull();
        double lng = rs.getDouble("longitude");
        return new MessageLocation(
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("kind"),
                rs.getString("found_text"),
                noPoint ? null : new GeoPoint(lat, lng),
                rs.getString("neighbourhood"),
                rs.getDouble("confidence"),
                rs.getString("source"),
                rs.getString("version"),
                rs.getTimestamp("located_at").toInstant());
    }
}
