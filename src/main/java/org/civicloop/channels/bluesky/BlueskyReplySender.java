package org.civicloop.channels.bluesky;

import static org.civicloop.channels.bluesky.JetstreamParser.str;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a resident on Bluesky: a post replying to theirs, with a mention of them. The outbound
 * message's {@code recipient} is the AT-URI of the post being answered (the message's external
 * id). The city's account logs in with an app password ({@code com.atproto.server.createSession},
 * the access token is kept and refreshed when it expires); the post being answered is looked up
 * for its CID, author and thread root ({@code app.bsky.feed.getPosts}); the reply is written with
 * {@code com.atproto.repo.createRecord} under a record key derived from the idempotency key, so a
 * second attempt finds the first one instead of posting twice.
 */
@Component
class BlueskyReplySender implements ReplySender {

    static final int MAX_GRAPHEMES = 300;
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]");
    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    /** Record keys of replies are TIDs whose time lies in 2023, derived from the idempotency key. */
    private static final long TID_EPOCH_US =
            Instant.parse("2023-01-01T00:00:00Z").toEpochMilli() * 1000;

    private final BlueskySettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private Session session;
    private volatile ConnectorHealth health = new ConnectorHealth();

    BlueskyReplySender(BlueskySettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private record Session(String did, String accessJwt, String refreshJwt) {}

    private record Ref(String uri, String cid) {
        boolean valid() {
            return AtprotoSyntax.isAtUri(uri) && AtprotoSyntax.isCid(cid);
        }
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.BLUESKY;
    }

    /** Deliveries count in the connector's health. */
    void reportTo(ConnectorHealth health) {
        this.health = health;
    }

    /**
     * Logs in with the app password ({@code com.atproto.server.createSession}): proves the PDS is
     * reachable and the credentials valid, posts nothing. Without credentials, resolves the first
     * watched handle ({@code com.atproto.identity.resolveHandle}) to prove the PDS answers.
     */
    synchronized ConnectorHealth.TestResult test() {
        try {
            if (settings.identifier() == null || settings.appPassword() == null) {
                if (settings.handles().isEmpty()) {
                    return ConnectorHealth.TestResult.failed(
                            "Replies not configured (identifier, app-password) and no handle to resolve");
                }
                var response = http.send(
                        HttpRequest.newBuilder(xrpc("com.atproto.identity.resolveHandle?handle="
                                        + enc(settings.handles().get(0))))
                                .timeout(Duration.ofSeconds(15))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200
                        ? ConnectorHealth.TestResult.ok(
                                "The PDS resolved @" + settings.handles().get(0) + "; replies are not configured")
                        : ConnectorHealth.TestResult.failed("resolveHandle answered HTTP " + response.statusCode());
            }
            var response = post(
                    "com.atproto.server.createSession",
                    json.valueToTree(Map.of("identifier", settings.identifier(), "password", settings.appPassword())),
                    null);
            if (response.statusCode() != 200) {
                return ConnectorHealth.TestResult.failed("createSession answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 ? ": identifier or app password not accepted" : ""));
            }
            session = read(json.readTree(response.body()));
            return ConnectorHealth.TestResult.ok("Signed in as " + settings.identifier() + " (" + session.did() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectorHealth.TestResult.failed("Interrupted");
        } catch (Exception e) {
            return ConnectorHealth.TestResult.failed("Could not reach " + settings.pdsUrl() + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void send(OutboundMessage message) throws Exception {
        try {
            deliver(message);
            health.success();
        } catch (org.civicloop.replies.PermanentDeliveryException e) {
            throw e;
        } catch (Exception e) {
            health.failure("Reply not delivered: " + e.getMessage());
            throw e;
        }
    }

    private void deliver(OutboundMessage message) throws Exception {
        if (settings.identifier() == null || settings.appPassword() == null) {
            throw new IllegalStateException(
                    "Bluesky replies need civicloop.channels.bluesky.identifier and app-password");
        }
        // the post answered: the outbox names it (its external id is the AT-URI); older entries
        // carry it as the recipient
        String answered = message.inReplyTo() != null ? message.inReplyTo() : message.recipient();
        String parentUri = answered == null ? null : answered.strip();
        if (!AtprotoSyntax.isAtUri(parentUri) || !parentUri.contains("/" + BlueskySettings.POST + "/")) {
            throw new org.civicloop.replies.PermanentDeliveryException("not the AT-URI of a post: " + parentUri);
        }
        String rkey = tid(message.idempotencyKey());
        Session current = session();
        if (exists(current, rkey)) return;

        JsonNode post = post(parentUri);
        var parent = new Ref(str(post.path("uri")), str(post.path("cid")));
        if (!parent.valid() || !parent.uri().equals(parentUri)) throw new IOException("post not found: " + parentUri);
        JsonNode parentReply = post.path("record").path("reply").path("root");
        var root = new Ref(str(parentReply.path("uri")), str(parentReply.path("cid")));
        if (!root.valid()) root = parent;
        String did = str(post.path("author").path("did"));
        String handle = str(post.path("author").path("handle"));

        ObjectNode record =
                record(message.body(), AtprotoSyntax.isDid(did) && AtprotoSyntax.isHandle(handle) ? handle : null, did);
        ObjectNode reply = record.putObject("reply");
        reply.putObject("root").put("uri", root.uri()).put("cid", root.cid());
        reply.putObject("parent").put("uri", parent.uri()).put("cid", parent.cid());

        ObjectNode body = json.createObjectNode();
        body.put("repo", current.did());
        body.put("collection", BlueskySettings.POST);
        body.put("rkey", rkey);
        body.put("validate", true);
        body.set("record", record);
        call("com.atproto.repo.createRecord", body);
    }

    /** The reply's record: the mention of the resident first, the text cut to 300 graphemes, facets in UTF-8 bytes. */
    ObjectNode record(String body, String handle, String did) {
        String mention = handle == null ? "" : "@" + handle;
        String text = mention.isEmpty() ? body.strip() : mention + " " + body.strip();
        text = truncate(text, MAX_GRAPHEMES);
        ObjectNode record = json.createObjectNode();
        record.put("$type", BlueskySettings.POST);
        record.put("text", text);
        record.put(
                "createdAt",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        ArrayNode facets = json.createArrayNode();
        if (!mention.isEmpty() && text.startsWith(mention)) {
            ObjectNode facet = facets.addObject();
            facet.putObject("index").put("byteStart", 0).put("byteEnd", utf8(mention));
            facet.putArray("features")
                    .addObject()
                    .put("$type", "app.bsky.richtext.facet#mention")
                    .put("did", did);
        }
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            ObjectNode facet = facets.addObject();
            int start = utf8(text.substring(0, link.start()));
            facet.putObject("index").put("byteStart", start).put("byteEnd", start + utf8(link.group()));
            facet.putArray("features")
                    .addObject()
                    .put("$type", "app.bsky.richtext.facet#link")
                    .put("uri", link.group());
        }
        if (!facets.isEmpty()) record.set("facets", facets);
        return record;
    }

    static String truncate(String text, int maxGraphemes) {
        Matcher m = GRAPHEME.matcher(text);
        int count = 0;
        int cut = -1;
        while (m.find()) {
            count++;
            if (count == maxGraphemes) cut = m.start();
            if (count > maxGraphemes) return text.substring(0, cut).stripTrailing() + "…";
        }
        return text;
    }

    static int graphemes(String text) {
        return (int) GRAPHEME.matcher(text).results().count();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A stable TID for an idempotency key. */
    static String tid(String idempotencyKey) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (hash[i] & 0xff);
        long micros = TID_EPOCH_US + Math.floorMod(h >>> 10, 365L * 24 * 3600 * 1_000_000);
        long value = (micros << 10) | (h & 0x3ff);
        var tid = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            tid.append(TID_ALPHABET.charAt((int) ((value >>> (60 - 5 * i)) & 0x1f)));
        }
        return tid.toString();
    }

    private boolean exists(Session current, String rkey) throws Exception {
        var response = get("com.atproto.repo.getRecord?repo=" + enc(current.did()) + "&collection="
                + BlueskySettings.POST + "&rkey=" + rkey);
        if (response.statusCode() == 200) return true;
        if (response.statusCode() == 400 || response.statusCode() == 404) return false;
        throw new IOException("getRecord answered " + response.statusCode());
    }

    private JsonNode post(String uri) throws Exception {
        var response = get("app.bsky.feed.getPosts?uris=" + enc(uri));
        if (response.statusCode() != 200) throw new IOException("getPosts answered " + response.statusCode());
        JsonNode posts = json.readTree(response.body()).path("posts");
        if (!posts.isArray() || posts.isEmpty()) throw new IOException("post not found: " + uri);
        return posts.get(0);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        for (int attempt = 0; ; attempt++) {
            var request = HttpRequest.newBuilder(xrpc(pathAndQuery))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + session().accessJwt())
                    .GET()
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (expired(response) && attempt == 0) {
                refresh();
                continue;
            }
            return response;
        }
    }

    private JsonNode call(String method, JsonNode body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            var response = post(method, body, session().accessJwt());
            if (expired(response) && attempt == 0) {
                refresh();
                continue;
            }
            if (response.statusCode() != 200) throw new IOException(method + " answered " + response.statusCode());
            return json.readTree(response.body());
        }
    }

    private HttpResponse<String> post(String method, JsonNode body, String bearer) throws Exception {
        var builder = HttpRequest.newBuilder(xrpc(method))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) builder.header("Authorization", "Bearer " + bearer);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean expired(HttpResponse<String> response) {
        if (response.statusCode() == 401) return true;
        if (response.statusCode() != 400) return false;
        try {
            return "ExpiredToken".equals(str(json.readTree(response.body()).path("error")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Session session() throws Exception {
        if (session == null) {
            var response = post(
                    "com.atproto.server.createSession",
                    json.valueToTree(Map.of("identifier", settings.identifier(), "password", settings.appPassword())),
                    null);
            if (response.statusCode() != 200) throw new IOException("createSession answered " + response.statusCode());
            session = read(json.readTree(response.body()));
        }
        return session;
    }

    /** A new access token from the refresh token, or a new login when that fails too. */
    private void refresh() throws Exception {
        Session old = session;
        session = null;
        if (old != null && old.refreshJwt() != null) {
            var response = post("com.atproto.server.refreshSession", json.createObjectNode(), old.refreshJwt());
            if (response.statusCode() == 200) {
                session = read(json.readTree(response.body()));
                return;
            }
        }
        session();
    }

    private static Session read(JsonNode body) throws IOException {
        String did = str(body.path("did"));
        String access = str(body.path("accessJwt"));
        if (!AtprotoSyntax.isDid(did) || access == null) throw new IOException("unexpected session answer");
        return new Session(did, access, str(body.path("refreshJwt")));
    }

    private URI xrpc(String methodAndQuery) {
        String base = settings.pdsUrl().toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/xrpc/" + methodAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
