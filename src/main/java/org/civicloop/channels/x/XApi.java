package org.civicloop.channels.x;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The X API v2 calls CivicLoop makes. Reading uses the app-only bearer token, posting the
 * user-context token. Every tweet request asks for the same fields and expansions, so a tweet read
 * from the stream and one read by a catch-up map alike.
 */
class XApi {

    static final String TWEET_FIELDS =
            "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,geo,lang,entities";
    static final String EXPANSIONS = "author_id,geo.place_id";
    static final String USER_FIELDS = "username,name";
    static final String PLACE_FIELDS = "full_name,country_code,geo";
    static final int PAGE = 100;

    private final XSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    XApi(XSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An HTTP answer other than the one expected; carries the status for the backoff policy. */
    static final class HttpStatusException extends IOException {
        final int status;

        HttpStatusException(String what, int status, String body) {
            super(what + " answered HTTP " + status + detail(body));
            this.status = status;
        }

        private static String detail(String body) {
            if (body == null || body.isBlank()) return "";
            String b = body.strip().replaceAll("\\s+", " ");
            return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
        }
    }

    static String tweetQuery() {
        return "tweet.fields=" + encode(TWEET_FIELDS) + "&expansions=" + encode(EXPANSIONS) + "&user.fields="
                + encode(USER_FIELDS) + "&place.fields=" + encode(PLACE_FIELDS);
    }

    private HttpRequest.Builder request(String pathAndQuery, String token) {
        var builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .header("User-Agent", "CivicLoop")
                .timeout(settings.requestTimeout());
        if (!XSettings.isBlank(token)) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    /** Opens the filtered stream; answers once X accepted it (HTTP 200). */
    InputStream openStream() throws IOException, InterruptedException {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/2/tweets/search/stream?" + tweetQuery()))
                        .header("User-Agent", "CivicLoop")
                        .header("Authorization", "Bearer " + settings.bearerToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
            }
            throw new HttpStatusException("The filtered stream", response.statusCode(), body);
        }
        return response.body();
    }

    /** The stream's current rules: value → id. */
    Map<String, String> rules() throws IOException, InterruptedException {
        JsonNode answer = get("/2/tweets/search/stream/rules", settings.bearerToken());
        var rules = new LinkedHashMap<String, String>();
        for (JsonNode rule : answer.path("data")) {
            String value = XTweets.text(rule, "value");
            String id = XTweets.text(rule, "id");
            if (value != null && id != null) rules.put(value, id);
        }
        return rules;
    }

    /** Adds rules; answers the response (its {@code meta.summary} and any {@code errors}). */
    JsonNode addRules(List<String> values) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        var add = body.putArray("add");
        values.forEach(v -> add.addObject().put("value", v).put("tag", "civicloop"));
        return post("/2/tweets/search/stream/rules", body, settings.bearerToken(), "Adding stream rules");
    }

    JsonNode deleteRules(List<String> ids) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        var array = body.putObject("delete").putArray("ids");
        ids.forEach(array::add);
        return post("/2/tweets/search/stream/rules", body, settings.bearerToken(), "Deleting stream rules");
    }

    /** The id of an account, from its username. */
    String userId(String username) throws IOException, InterruptedException {
        JsonNode answer = get("/2/users/by/username/" + encode(username), settings.bearerToken());
        String id = XTweets.text(answer.path("data"), "id");
        if (id == null) throw new IOException("X knows no account @" + username);
        return id;
    }

    /** One page of the account's mentions newer than {@code sinceId}, newest first. */
    JsonNode mentions(String userId, String sinceId, String paginationToken) throws IOException, InterruptedException {
        var query =
                new StringBuilder("/2/users/" + encode(userId) + "/mentions?max_results=" + PAGE + "&" + tweetQuery());
        if (sinceId != null) query.append("&since_id=").append(encode(sinceId));
        if (paginationToken != null) query.append("&pagination_token=").append(encode(paginationToken));
        return get(query.toString(), settings.bearerToken());
    }

    /** One page of recent posts matching {@code query} newer than {@code sinceId}, newest first. */
    JsonNode searchRecent(String search, String sinceId, String nextToken) throws IOException, InterruptedException {
        var query = new StringBuilder(
                "/2/tweets/search/recent?query=" + encode(search) + "&max_results=" + PAGE + "&" + tweetQuery());
        if (sinceId != null) query.append("&since_id=").append(encode(sinceId));
        if (nextToken != null) query.append("&next_token=").append(encode(nextToken));
        return get(query.toString(), settings.bearerToken());
    }

    /** Posts a tweet with the user-context token; answers the raw response. */
    HttpResponse<String> postTweet(JsonNode body) throws IOException, InterruptedException {
        return http.send(
                request("/2/tweets", settings.userAccessToken())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                json.writeValueAsString(body), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The account the user-context token acts for. */
    JsonNode me() throws IOException, InterruptedException {
        return get("/2/users/me", settings.userAccessToken());
    }

    JsonNode get(String pathAndQuery, String token) throws IOException, InterruptedException {
        var response = http.send(
                request(pathAndQuery, token)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        if (response.statusCode() != 200) throw new HttpStatusException(path, response.statusCode(), response.body());
        return parse(path, response.body());
    }

    private JsonNode post(String path, JsonNode body, String token, String what)
            throws IOException, InterruptedException {
        var response = http.send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                json.writeValueAsString(body), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2)
            throw new HttpStatusException(what, response.statusCode(), response.body());
        return parse(path, response.body());
    }

    private JsonNode parse(String path, String body) throws IOException {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) throw new IOException(path + " did not answer a JSON object");
            return node;
        } catch (JacksonException e) {
            throw new IOException(path + " answered malformed JSON", e);
        }
    }

    static List<JsonNode> list(JsonNode array) {
        var items = new ArrayList<JsonNode>();
        if (array != null && array.isArray()) array.forEach(items::add);
        return items;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
