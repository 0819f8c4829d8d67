package org.civicloop.channels.bluesky;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real payloads in {@code ../shared/data}: a missing folder fails the test unless declared optional. */
final class SharedData {

    private SharedData() {}

    static Path path(String relative) {
        Path root = Path.of(System.getProperty("civicloop.shared-data", "../shared/data"));
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("civicloop.shared-data.optional")) {
                Assumptions.abort("shared data not available: " + file.toAbsolutePath());
            }
            fail("shared test data missing: " + file.toAbsolutePath()
                    + " (set civicloop.shared-data, or civicloop.shared-data.optional=true to skip)");
        }
        return file;
    }

    static Path capture() {
        return path("protocol/bluesky_jetstream/jetstream_v1_capture_152events.jsonl");
    }

    static Path golden() {
        return path("protocol/bluesky_jetstream/jetstream_v1_golden_10events.jsonl");
    }
}
