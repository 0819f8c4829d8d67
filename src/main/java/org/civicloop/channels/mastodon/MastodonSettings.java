package org.civicloop.channels.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The city's account on a Mastodon server ({@code civicloop.channels.mastodon.*}); off by default.
 *
 * @param baseUrl the server, e.g. {@code https://city.social}
 * @param accessToken a token of the city's account (scopes {@code read write:statuses})
 * @param account the city's account name on that server ({@code cityhall}); its own posts are not
 *     taken in
 * @param hashtags statuses carrying one of these tags are taken in, besides mentions
 * @param streams which streams to follow: {@code user} (mentions of the city account) and/or
 *     {@code hashtag} (one stream per configured tag)
 * @param visibility visibility of the city's replies ({@code unlisted} by default: answers reach
 *     the resident and followers without flooding public timelines)
 * @param reconnectMin first wait before reconnecting a dropped stream, doubled up to {@code reconnectMax}
 * @param idleTimeout a stream silent longer than this (not even a heartbeat) is reconnected
 */
@ConfigurationProperties("civicloop.channels.mastodon")
record MastodonSettings(
        boolean enabled,
        URI baseUrl,
        String accessToken,
        String account,
        List<String> hashtags,
        List<String> streams,
        String visibility,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration idleTimeout) {

    MastodonSettings {
        hashtags = hashtags == null
                ? List.of()
                : hashtags.stream()
                        .map(t -> t.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT))
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
        streams = streams == null || streams.isEmpty() ? List.of("user") : List.copyOf(streams);
        visibility = visibility == null || visibility.isBlank() ? "unlisted" : visibility.strip();
        if (!java.util.Set.of("public", "unlisted", "private", "direct").contains(visibility)) {
            throw new IllegalArgumentException("civicloop.channels.mastodon.visibility must be public, unlisted,"
                    + " private or direct, not " + visibility);
        }
        account = account == null ? "" : account.strip().replaceFirst("^@", "");
        reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
        reconnectMax = reconnectMax == null ? Duration.ofMinutes(2) : reconnectMax;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(2) : idleTimeout;
        if (baseUrl != null) baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    }

    /** The server as it qualifies ids: host, with the port when it is not the default one. */
    String instance() {
        return instanceOf(baseUrl);
    }

    static String instanceOf(URI uri) {
        if (uri == null || uri.getHost() == null) return "unknown";
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }
}
