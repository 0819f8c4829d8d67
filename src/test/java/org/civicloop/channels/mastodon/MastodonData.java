package org.civicloop.channels.mastodon;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Mastodon payloads in {@code ../shared/data/protocol/mastodon}: missing data fails the
 * test, unless {@code -Dcivicloop.shared-data.optional=true} says to skip.
 */
final class MastodonData {

    private MastodonData() {}

    static Path folder() {
        Path root = Path.of(System.getProperty("civicloop.shared-data", "../shared/data"));
        Path folder = root.resolve("protocol/mastodon");
        if (!Files.isDirectory(folder)) {
            if (Boolean.getBoolean("civicloop.shared-data.optional")) {
                Assumptions.abort("shared data missing at " + folder.toAbsolutePath() + " (optional)");
            }
            fail("The real Mastodon payloads are missing at " + folder.toAbsolutePath()
                    + "; set -Dcivicloop.shared-data=<path> or -Dcivicloop.shared-data.optional=true");
        }
        return folder;
    }

    static Path streamingEvents() {
        return folder().resolve("streaming_events.sse");
    }
}
