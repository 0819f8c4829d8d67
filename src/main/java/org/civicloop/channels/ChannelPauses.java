package org.civicloop.channels;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which connectors an administrator paused, kept across restarts: a connector asks at start
 * whether it is paused before it reads anything.
 */
@Repository
public class ChannelPauses {

    private final JdbcClient jdbc;
    private final Clock clock;

    ChannelPauses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isPaused(String connectorId) {
        return jdbc.sql("SELECT count(*) FROM channel_pause WHERE connector_id = :id")
                        .param("id", connectorId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void pause(String connectorId, String actor) {
        jdbc.sql("""
                INSERT INTO channel_pause (connector_id, paused_at, paused_by) VALUES (:id, :at, :by)
                ON CONFLICT (connector_id) DO NOTHING
                """)
                .param("id", connectorId)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor)
                .update();
    }

    void resume(String connectorId) {
        jdbc.sql("DELETE FROM channel_pause WHERE connector_id = :id")
                .param("id", connectorId)
                .update();
    }
}
