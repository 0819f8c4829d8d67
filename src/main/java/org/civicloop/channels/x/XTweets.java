package org.civicloop.channels.x;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * X API v2 tweet objects (with their {@code includes}) as resident messages.
 *
 * <ul>
 *   <li>external id: the tweet id (X's ids are global); thread: the tweet it replies to
 *       ({@code referenced_tweets} of type {@code replied_to});
 *   <li>author: {@code @username} and name from {@code includes.users};
 *   <li>text: t.co links replaced by their {@code expanded_url} from {@code entities.urls}, and
 *       the three HTML entities X escapes in v2 text ({@code &amp; &lt; &gt;}) unescaped;
 *   <li>location: {@code geo.coordinates} (GeoJSON, longitude first) when the author shared an
 *       exact point; the tagged place's full name as the address;
 *   <li>retweets are not taken in: retweeting is not writing to the city.
 * </ul>
 */
final class XTweets {

    private static final Logger log = LoggerFactory.getLogger(XTweets.class);
    static final Pattern ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,50}");

    /** Newer tweets have larger ids (snowflakes): compare as numbers. */
    static final Comparator<String> ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final ObjectMapper json;

    XTweets(ObjectMapper json) {
        this.json = json;
    }

    /** A tweet read, and who wrote it. */
    record Tweet(String id, String authorUsername, InboundMessage message) {}

    /** Users and places of a response's {@code includes}, by id. */
    record Includes(Map<String, JsonNode> users, Map<String, JsonNode> places) {
        static Includes of(JsonNode includes) {
            var users = new HashMap<String, JsonNode>();
            var places = new HashMap<String, JsonNode>();
            for (JsonNode user : includes.path("users")) {
                String id = text(user, "id");
                if (id != null) users.put(id, user);
            }
            for (JsonNode place : includes.path("places")) {
                String id = text(place, "id");
                if (id != null) places.put(id, place);
            }
            return new Includes(users, places);
        }
    }

    /** Every tweet of a response ({@code data} an object for the stream, an array for lists). */
    List<Tweet> all(JsonNode response) {
        var includes = Includes.of(response.path("includes"));
        JsonNode data = response.path("data");
        var tweets = new ArrayList<Tweet>();
        if (data.isObject()) map(data, includes).ifPresent(tweets::add);
        else for (JsonNode tweet : data) map(tweet, includes).ifPresent(tweets::add);
        return tweets;
    }

    Optional<Tweet> map(JsonNode tweet, Includes includes) {
        if (tweet == null || !tweet.isObject()) return skip("not an object", null);
        String id = text(tweet, "id");
        if (id == null || !ID.matcher(id).matches()) return skip("no valid id", id);
        String replyTo = null;
        for (JsonNode ref : tweet.path("referenced_tweets")) {
            String type = text(ref, "type");
            if ("retweeted".equals(type)) return skip("a retweet", id);
            if ("replied_to".equals(type)) replyTo = text(ref, "id");
        }
        String text = text(tweet, "text");
        if (text == null || text.isBlank()) return skip("no text", id);
        Instant postedAt;
        try {
            postedAt = Instant.parse(String.valueOf(text(tweet, "created_at")));
        } catch (DateTimeParseException e) {
            return skip("no valid created_at", id);
        }
        String authorId = text(tweet, "author_id");
        JsonNode author = authorId == null ? null : includes.users().get(authorId);
        String username = author == null ? null : text(author, "username");
        if (username == null || !USERNAME.matcher(username).matches()) return skip("no author in includes", id);
        String name = text(author, "name");

        GeoPoint point = null;
        String address = null;
        JsonNode geo = tweet.path("geo");
        JsonNode coordinates = geo.path("coordinates").path("coordinates");
        if ("Point".equals(text(geo.path("coordinates"), "type"))
                && coordinates.isArray()
                && coordinates.size() == 2
                && coordinates.get(0).isNumber()
                && coordinates.get(1).isNumber()) {
            try {
                point = new GeoPoint(
                        coordinates.get(1).asDouble(), coordinates.get(0).asDouble());
            } catch (IllegalArgumentException e) {
                log.warn("Ignored out-of-range coordinates on tweet {}", id);
            }
        }
        String placeId = text(geo, "place_id");
        if (placeId != null && includes.places().containsKey(placeId)) {
            address = text(includes.places().get(placeId), "full_name");
        }

        String raw = json.writeValueAsString(tweet);
        var message = new InboundMessage(
                ChannelKind.X,
                id,
                "@" + username,
                name == null || name.isBlank() ? username : name,
                expand(text, tweet.path("entities").path("urls")),
                text(tweet, "lang") == null || "und".equals(text(tweet, "lang")) ? null : text(tweet, "lang"),
                postedAt,
                replyTo != null && ID.matcher(replyTo).matches() ? replyTo : null,
                "https://x.com/" + username + "/status/" + id,
                address,
                point,
                null,
                List.of(),
                raw);
        if (replyTo != null && ID.matcher(replyTo).matches()) message = message.inThreadOf(List.of(replyTo));
        return Optional.of(new Tweet(id, username, message));
    }

    /** The text with every t.co link replaced by where it points, and X's entity escapes undone. */
    static String expand(String text, JsonNode urls) {
        String out = text;
        for (JsonNode url : urls) {
            String shortUrl = text(url, "url");
            String expanded = text(url, "expanded_url");
            if (shortUrl != null && expanded != null && !shortUrl.isBlank()) out = out.replace(shortUrl, expanded);
        }
        return out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String text(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode value = node.path(field);
        if (value.isString()) return value.stringValue();
        if (value.isNumber()) return value.asString();
        return null;
    }

    private static Optional<Tweet> skip(String why, String id) {
        log.debug("Skipped X post {}: {}", id, why);
        return Optional.empty();
    }
}
