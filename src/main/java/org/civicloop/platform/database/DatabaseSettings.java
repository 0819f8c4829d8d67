package org.civicloop.platform.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where CivicLoop keeps its data. Without {@code url}, an embedded PostgreSQL server runs in
 * {@code <data-dir>/pgsql}; with it (property {@code civicloop.database.url} or environment
 * variable {@code CIVICLOOP_DATABASE_URL}), CivicLoop uses that external PostgreSQL.
 */
@ConfigurationProperties("civicloop.database")
public record DatabaseSettings(
        String url,
        String username,
        String password,
        @DefaultValue("10") int maximumPoolSize,
        @DefaultValue("30s") java.time.Duration connectionTimeout) {

    public boolean external() {
        return url != null && !url.isBlank();
    }

    public static Path dataDirectory(String configured) {
        return Path.of(configured == null || configured.isBlank() ? "data" : configured);
    }
}
