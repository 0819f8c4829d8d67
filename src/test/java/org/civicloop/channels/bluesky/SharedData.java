package org.civicloop.channels.bluesky;

import java.nio.file.Path;

/** The real payloads in {@code ../shared/data}: a missing folder fails the test unless declared optional. */
final class SharedData {

    private SharedData() {}

    static Path path(String relative) {
        return org.civicloop.testing.SharedData.path(relative);
    }

    static Path capture() {
        return path("protocol/bluesky_jetstream/jetstream_v1_capture_152events.jsonl");
    }

    static Path golden() {
        return path("protocol/bluesky_jetstream/jetstream_v1_golden_10events.jsonl");
    }
}
