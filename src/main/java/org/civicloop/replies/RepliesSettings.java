package org.civicloop.replies;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.replies.*}: where residents are sent from and how links back look.
 *
 * @param publicUrl the address residents use to reach the public pages
 * @param mailDirectory where the file-backed e-mail sender writes .eml files (relative to the data directory)
 * @param noticeMaxAge residents are not notified of events older than this (history from an import
 *     or the demo city)
 */
@ConfigurationProperties("civicloop.replies")
public record RepliesSettings(
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("noreply@civicloop.local") String fromAddress,
        @DefaultValue("mail-outbox") String mailDirectory,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2d") java.time.Duration noticeMaxAge) {

    public Path mailPath(String dataDir) {
        Path p = Path.of(mailDirectory);
        return p.isAbsolute()
                ? p
                : Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir)
                        .resolve(p);
    }
}
