package org.civicloop.channels.mastodon;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The few client-API calls the connector makes, with the city account's token. */
class MastodonApi {

    static final int PAGE = 40;

    private final HttpClient http;
    private final MastodonSettings settings;
    private final ObjectMapper json;

    MastodonApi(MastodonSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        var builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .header("User-Agent", "CivicLoop");
        if (settings.accessToken() != null && !settings.accessToken().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.accessToken());
        }
        return builder;
    }

    /** Opens a server-sent events stream; answers once the server accepted it. */
    InputStream openStream(String pathAndQuery) throws IOException, InterruptedException {
        var response = http.send(
                request(pathAndQuery)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("Stream " + pathAndQuery + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Mention notifications newer than {@code minId} (the page right after it), or the latest ones. */
    List<JsonNode> mentions(String minId) throws IOException, InterruptedException {
        String query = "/api/v1/notifications?types%5B%5D=mention&limit=" + PAGE
                + (minId == null ? "" : "&min_id=" + encode(minId));
        return list(query);
    }

    /** Statuses carrying a tag, newer than {@code minId} (the page right after it), or the latest ones. */
    List<JsonNode> tagged(String tag, String minId) throws IOException, InterruptedException {
        String query = "/api/v1/timelines/tag/" + encode(tag) + "?limit=" + PAGE
                + (minId == null ? "" : "&min_id=" + encode(minId));
        return list(query);
    }

    private List<JsonNode> list(String query) throws IOException, InterruptedException {
        var response = http.send(
                request(query)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) throw new IOException(query + " answered " + response.statusCode());
        try {
            JsonNode page = json.readTree(response.body());
            if (!page.isArray()) throw new IOException(query + " did not answer a list");
            var items = new ArrayList<JsonNode>();
            page.forEach(items::add);
            return items;
        } catch (JacksonException e) {
            throw new IOException(query + " answered malformed JSON", e);
        }
    }

    /** The city account itself: a cheap authenticated call that sends nothing. */
    HttpResponse<String> verifyCredentials() throws IOException, InterruptedException {
        return http.send(
                request("/api/v1/accounts/verify_credentials")
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(15))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posts a status; answers the HTTP status code and body. */
    HttpResponse<String> postStatus(Map<String, String> form, String idempotencyKey)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(
                request("/api/v1/statuses")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Idempotency-Key", idempotencyKey)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
