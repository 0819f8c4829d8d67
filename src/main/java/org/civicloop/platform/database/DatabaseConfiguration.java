package org.civicloop.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link DataSource}: the city's PostgreSQL when configured, else the embedded server. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseSettings settings, @Value("${civicloop.data-dir:data}") String dataDir) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("civicloop");
        config.setMaximumPoolSize(settings.maximumPoolSize());
        // connections are opened as work needs them, up to the maximum: an idle installation holds two
        config.setMinimumIdle(Math.min(2, settings.maximumPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        if (settings.external()) {
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.username());
            config.setPassword(settings.password());
            return new HikariDataSource(config);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(DatabaseSettings.dataDirectory(dataDir)).start();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        return new EmbeddedDataSource(config, server);
    }

    /** Closes the pool first, then stops the server it was connected to. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgresServer server;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgresServer server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                server.stop();
            }
        }
    }
}
