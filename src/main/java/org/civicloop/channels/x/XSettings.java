package org.civicloop.channels.x;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The city's account on X through the X API v2 ({@code civicloop.channels.x.*}); off by default.
 *
 * @param baseUrl the API, {@code https://api.x.com} unless testing
 * @param bearerToken the app-only bearer token of the city's X app: reads the filtered stream, its
 *     rules and the catch-up endpoints
 * @param userAccessToken an OAuth 2.0 user-context access token of the city's account (scopes
 *     {@code tweet.read tweet.write users.read}): posts replies. Without it no replies are sent
 * @param account the city's username without {@code @} ({@code RivertonCity}): its own posts are
 *     not taken in, and the mentions catch-up reads its mentions
 * @param userId the numeric id of the city's account; looked up from {@code account} when empty
 * @param rules the filtered stream's rules ({@code @RivertonCity OR #rivertonfix}); the stream's
 *     rule set is made equal to these at start
 * @param catchUp how what the stream missed is read after a reconnection: {@code mentions}
 *     ({@code GET /2/users/:id/mentions}), {@code search} ({@code GET /2/tweets/search/recent} with
 *     the rules as the query, last 7 days) or {@code both}
 * @param publicUrl the public address of the portal: a reply longer than 280 characters is cut
 *     before its link to the case page
 */
@ConfigurationProperties("civicloop.channels.x")
record XSettings(
        boolean enabled,
        URI baseUrl,
        String bearerToken,
        String userAccessToken,
        String account,
        String userId,
        List<String> rules,
        String catchUp,
        Integer catchUpMaxPages,
        Duration networkBackoffStep,
        Duration networkBackoffMax,
        Duration httpBackoffMin,
        Duration httpBackoffMax,
        Duration rateLimitBackoffMin,
        Duration rateLimitBackoffMax,
        Duration idleTimeout,
        Duration requestTimeout) {

    XSettings {
        baseUrl = URI.create((baseUrl == null ? "https://api.x.com" : baseUrl.toString()).replaceAll("/+$", ""));
        account = account == null ? "" : account.strip().replaceFirst("^@", "");
        userId = userId == null || userId.isBlank() ? null : userId.strip();
        rules = rules == null
                ? List.of()
                : rules.stream()
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .distinct()
                        .toList();
        catchUp = catchUp == null || catchUp.isBlank()
                ? "mentions"
                : catchUp.strip().toLowerCase(Locale.ROOT);
        if (!List.of("mentions", "search", "both").contains(catchUp)) {
            throw new IllegalArgumentException(
                    "civicloop.channels.x.catch-up must be mentions, search or both, not " + catchUp);
        }
        catchUpMaxPages = catchUpMaxPages == null || catchUpMaxPages < 1 ? 20 : catchUpMaxPages;
        // X's documented reconnection policy
        networkBackoffStep = networkBackoffStep == null ? Duration.ofMillis(250) : networkBackoffStep;
        networkBackoffMax = networkBackoffMax == null ? Duration.ofSeconds(16) : networkBackoffMax;
        httpBackoffMin = httpBackoffMin == null ? Duration.ofSeconds(5) : httpBackoffMin;
        httpBackoffMax = httpBackoffMax == null ? Duration.ofSeconds(320) : httpBackoffMax;
        rateLimitBackoffMin = rateLimitBackoffMin == null ? Duration.ofMinutes(1) : rateLimitBackoffMin;
        rateLimitBackoffMax = rateLimitBackoffMax == null ? Duration.ofMinutes(16) : rateLimitBackoffMax;
        // X sends a keep-alive newline every 20 seconds
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    }

    boolean catchUpMentions() {
        return !catchUp.equals("search") && (userId != null || !account.isEmpty());
    }

    boolean catchUpSearch() {
        return !catchUp.equals("mentions") && !rules.isEmpty();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
