package org.civicloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server is a durable, well-behaved PostgreSQL living entirely in the data directory. */
class EmbeddedPostgresServerIntegrationTests {

    @TempDir
    Path data;

    static String query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void isDurableLocalAndKeepsItsDataAcrossRestarts() throws Exception {
        var server = new EmbeddedPostgresServer(data).start();
        try {
            assertThat(query(server, "SHOW fsync")).isEqualTo("on");
            assertThat(query(server, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(query(server, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(query(server, "SHOW data_directory"))
                    .startsWith(data.toAbsolutePath().toString());
            assertThat(query(server, "SHOW unix_socket_directories"))
                    .startsWith(data.toAbsolutePath().toString());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            }
        } finally {
            server.stop();
        }
        assertThat(Files.exists(data.resolve("pgsql/data/postmaster.pid"))).isFalse();
        // the password is known only to this installation
        assertThat(Files.readString(data.resolve("pgsql/superuser-password")).trim())
                .hasSizeGreaterThanOrEqualTo(32);

        var again = new EmbeddedPostgresServer(data).start();
        try {
            assertThat(query(again, "SELECT v FROM kept")).isEqualTo("still here");
        } finally {
            again.stop();
        }
    }

    @Test
    void aServerLeftRunningByAKilledRunIsStoppedAndTheNextStartWorks() throws Exception {
        var crashed = new EmbeddedPostgresServer(data).start();
        try (Connection c = DriverManager.getConnection(crashed.jdbcUrl(), crashed.username(), crashed.password())) {
            c.createStatement().execute("CREATE TABLE committed (v int); INSERT INTO committed VALUES (42)");
        }
        // as after kill -9 of the JVM: the postmaster keeps running and the lock of the process goes away
        crashed.forgetWithoutStopping();
        assertThat(Files.exists(data.resolve("pgsql/data/postmaster.pid"))).isTrue();

        var next = new EmbeddedPostgresServer(data).start();
        try {
            assertThat(next.port()).isNotEqualTo(0);
            assertThat(query(next, "SELECT v FROM committed")).isEqualTo("42");
        } finally {
            next.stop();
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryUsesTheRunningServer() throws Exception {
        var owner = new EmbeddedPostgresServer(data).start();
        try {
            var guest = new EmbeddedPostgresServer(data).start();
            assertThat(guest.port()).isEqualTo(owner.port());
            assertThat(query(guest, "SELECT 1")).isEqualTo("1");
            guest.stop(); // must not stop the owner's server
            assertThat(query(owner, "SELECT 2")).isEqualTo("2");
        } finally {
            owner.stop();
        }
    }
}
