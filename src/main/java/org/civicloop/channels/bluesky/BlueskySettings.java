package org.civicloop.channels.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Bluesky channel: which posts of the Jetstream firehose the city takes in (mentions of its
 * DIDs or handles, its keywords and hashtags) and how it answers (an app password on its PDS).
 * Off by default.
 */
@ConfigurationProperties("civicloop.channels.bluesky")
record BlueskySettings(
        boolean enabled,
        URI jetstreamUrl,
        List<String> dids,
        List<String> handles,
        List<String> keywords,
        List<String> wantedCollections,
        String connectorName,
        Duration resumeOverlap,
        int batchSize,
        Duration flushInterval,
        Duration reconnectBackoff,
        Duration maxReconnectBackoff,
        URI pdsUrl,
        String identifier,
        String appPassword) {

    static final String POST = "app.bsky.feed.post";

    BlueskySettings {
        if (jetstreamUrl == null) jetstreamUrl = URI.create("wss://jetstream2.us-east.bsky.network/subscribe");
        dids = clean(dids, false);
        handles = clean(handles, true).stream()
                .map(h -> h.startsWith("@") ? h.substring(1) : h)
                .toList();
        keywords = clean(keywords, true);
        wantedCollections = wantedCollections == null || wantedCollections.isEmpty()
                ? List.of(POST)
                : clean(wantedCollections, false);
        if (connectorName == null || connectorName.isBlank()) connectorName = "bluesky";
        if (resumeOverlap == null || resumeOverlap.isNegative()) resumeOverlap = Duration.ofSeconds(3);
        if (batchSize <= 0) batchSize = 50;
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            flushInterval = Duration.ofMillis(500);
        }
        if (reconnectBackoff == null || reconnectBackoff.isNegative() || reconnectBackoff.isZero()) {
            reconnectBackoff = Duration.ofSeconds(1);
        }
        if (maxReconnectBackoff == null || maxReconnectBackoff.compareTo(reconnectBackoff) < 0) {
            maxReconnectBackoff = reconnectBackoff.multipliedBy(60);
        }
        if (pdsUrl == null) pdsUrl = URI.create("https://bsky.social");
    }

    private static List<String> clean(List<String> values, boolean lowerCase) {
        if (values == null) return List.of();
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .map(v -> lowerCase ? v.toLowerCase(Locale.ROOT) : v)
                .distinct()
                .toList();
    }
}
