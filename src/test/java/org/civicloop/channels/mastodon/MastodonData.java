package org.civicloop.channels.mastodon;

import java.nio.file.Path;

/**
 * The real Mastodon payloads in {@code ../shared/data/protocol/mastodon}, found (and required in CI)
 * as {@link org.civicloop.testing.SharedData} says.
 */
final class MastodonData {

    private MastodonData() {}

    static Path folder() {
        return org.civicloop.testing.SharedData.path("protocol/mastodon");
    }

    static Path streamingEvents() {
        return folder().resolve("streaming_events.sse");
    }
}
