package org.civicloop.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.civicloop.platform.database.EmbeddedPostgresServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test run a fresh PostgreSQL database: on the server at 127.0.0.1:5432 when one
 * answers there (as in CI: user {@code postgres}, trust authentication), otherwise on an embedded
 * server in a temporary directory. The database is dropped when the run ends. Tests find it
 * through the {@code civicloop.database.*} system properties, the same settings production uses.
 */
public class TestDatabase implements LauncherSessionListener {

    private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/";
    private String database;
    private EmbeddedPostgresServer embedded;
    private Path embeddedDirectory;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("civicloop.data-dir") == null) {
            try {
                System.setProperty(
                        "civicloop.data-dir",
                        Files.createTempDirectory("civicloop-test-data").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (System.getProperty("civicloop.database.url") != null) return;
        database = "civicloop_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String user = System.getProperty("civicloop.test.db-user", "postgres");
        if (localServerAnswers(user)) {
            execute(LOCAL + "postgres", user, "", "CREATE DATABASE " + database);
            set(LOCAL + database, user, "");
            System.out.println("Tests use PostgreSQL at 127.0.0.1:5432, database " + database);
        } else {
            try {
                embeddedDirectory = Files.createTempDirectory("civicloop-test-pg");
                embedded = new EmbeddedPostgresServer(embeddedDirectory).start();
                database = null;
                set(embedded.jdbcUrl(), embedded.username(), embedded.password());
                System.out.println(
                        "No PostgreSQL at 127.0.0.1:5432: tests use an embedded server in " + embeddedDirectory);
            } catch (Exception e) {
                throw new IllegalStateException("No PostgreSQL for the tests", e);
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            embedded.stop();
            return;
        }
        if (database != null) {
            String user = System.getProperty("civicloop.test.db-user", "postgres");
            execute(LOCAL + "postgres", user, "", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void set(String url, String user, String password) {
        // the database is dropped when the run ends, before the last application contexts close:
        // their background jobs then give up quickly instead of holding up the end of the run
        System.setProperty("civicloop.database.connection-timeout", "2s");
        // every cached test context has its own pool: keep them small, the server allows 100 clients
        System.setProperty("civicloop.database.maximum-pool-size", "4");
        System.setProperty("civicloop.database.url", url);
        System.setProperty("civicloop.database.username", user);
        System.setProperty("civicloop.database.password", password);
    }

    private static boolean localServerAnswers(String user) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(LOCAL + "postgres", user, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql + ": " + e.getMessage(), e);
        }
    }
}
