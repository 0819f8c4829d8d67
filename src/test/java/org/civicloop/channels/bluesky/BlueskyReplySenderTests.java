package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Replies through a fake PDS on loopback that answers for a real post of the capture and checks every request. */
class BlueskyReplySenderTests {

    static final String CITY_DID = "did:plc:cityofriverton000000000";
    static final String RESIDENT_HANDLE = "minji.example.com";

    final ObjectMapper json = JsonMapper.builder().build();
    HttpServer server;
    JsonNode parentEvent;
    final List<JsonNode> created = new ArrayList<>();
    final Set<String> rkeys = new HashSet<>();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicBoolean expireNextWrite = new AtomicBoolean();
    final List<String> problems = new ArrayList<>();
    volatile String access = "access-0";
    BlueskyReplySender sender;

    @BeforeEach
    void start() throws IOException {
        // a real reply from the capture: the resident's post, itself inside a thread
        parentEvent = json.readTree(Files.readAllLines(SharedData.capture()).get(25));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/xrpc/", this::handle);
        server.start();
        var settings = new BlueskySettings(
                false,
                null,
                null,
                null,
                List.of("pothole"),
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "riverton.gov",
                "app-pass-word");
        sender = new BlueskyReplySender(
                settings, json, Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0); // null when the shared data was missing and the test skipped
    }

    String parentUri() {
        return "at://" + parentEvent.path("did").asString() + "/app.bsky.feed.post/"
                + parentEvent.path("commit").path("rkey").asString();
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/xrpc/".length());
        String query = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] bodyBytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bodyBytes.length == 0 ? null : json.readTree(bodyBytes);
        int status = 200;
        String answer;
        switch (method) {
            case "com.atproto.server.createSession" -> {
                if (!body.path("identifier").asString("").equals("riverton.gov")
                        || !body.path("password").asString("").equals("app-pass-word")) {
                    problems.add("bad login " + body);
                }
                access = "access-" + logins.incrementAndGet();
                answer = "{\"did\":\"" + CITY_DID + "\",\"handle\":\"riverton.gov\",\"accessJwt\":\"" + access
                        + "\",\"refreshJwt\":\"refresh-1\"}";
            }
            case "com.atproto.server.refreshSession" -> {
                if (!"Bearer refresh-1".equals(auth)) problems.add("refresh without refresh token");
                access = "access-r" + refreshes.incrementAndGet();
                answer = "{\"did\":\"" + CITY_DID + "\",\"handle\":\"riverton.gov\",\"accessJwt\":\"" + access
                        + "\",\"refreshJwt\":\"refresh-1\"}";
            }
            default -> {
                if (!("Bearer " + access).equals(auth)) {
                    status = 401;
                    answer = "{\"error\":\"AuthenticationRequired\"}";
                } else if (method.equals("com.atproto.repo.getRecord")) {
                    String rkey = query.replaceAll(".*rkey=([^&]*).*", "$1");
                    if (!query.contains("repo=" + CITY_DID.replace(":", "%3A"))) problems.add("getRecord " + query);
                    status = rkeys.contains(rkey) ? 200 : 400;
                    answer = status == 200 ? "{\"uri\":\"x\",\"value\":{}}" : "{\"error\":\"RecordNotFound\"}";
                } else if (method.equals("app.bsky.feed.getPosts")) {
                    String uri = URLDecoder.decode(query.substring("uris=".length()), StandardCharsets.UTF_8);
                    if (!uri.equals(parentUri())) problems.add("getPosts " + uri);
                    var post = json.createObjectNode();
                    post.put("uri", parentUri());
                    post.put("cid", parentEvent.path("commit").path("cid").asString());
                    post.putObject("author")
                            .put("did", parentEvent.path("did").asString())
                            .put("handle", RESIDENT_HANDLE);
                    post.set("record", parentEvent.path("commit").path("record"));
                    answer = "{\"posts\":[" + post + "]}";
                } else if (method.equals("com.atproto.repo.createRecord")) {
                    if (expireNextWrite.getAndSet(false)) {
                        status = 400;
                        answer = "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}";
                    } else {
                        created.add(body);
                        rkeys.add(body.path("rkey").asString());
                        answer = "{\"uri\":\"at://" + CITY_DID + "/app.bsky.feed.post/"
                                + body.path("rkey").asString() + "\",\"cid\":\"bafyreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
                    }
                } else {
                    status = 404;
                    answer = "{\"error\":\"MethodNotImplemented\"}";
                }
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aReplyCarriesStrongRefsToTheThreadAMentionAndALinkWithByteOffsets() throws Exception {
        String body = "Merci ! Ihr Anliegen ist als Fall RIV-2026-0042 erfasst — Straße geprüft 🚧: "
                + "https://riverton.example/track/RIV-2026-0042. Danke.";
        sender.send(new OutboundMessage("case-42-reply-1", ChannelKind.BLUESKY, parentUri(), "", body));

        assertThat(problems).isEmpty();
        assertThat(created).hasSize(1);
        JsonNode request = created.get(0);
        assertThat(request.path("repo").asString()).isEqualTo(CITY_DID);
        assertThat(request.path("collection").asString()).isEqualTo("app.bsky.feed.post");
        assertThat(AtprotoSyntax.isTid(request.path("rkey").asString())).isTrue();
        JsonNode record = request.path("record");
        assertThat(record.path("$type").asString()).isEqualTo("app.bsky.feed.post");
        assertThat(record.path("createdAt").asString()).isEqualTo("2026-11-26T09:00:00Z");
        assertThat(AtprotoSyntax.isDatetime(record.path("createdAt").asString()))
                .isTrue();

        JsonNode parentRecord = parentEvent.path("commit").path("record");
        assertThat(record.path("reply").path("parent").path("uri").asString()).isEqualTo(parentUri());
        assertThat(record.path("reply").path("parent").path("cid").asString())
                .isEqualTo(parentEvent.path("commit").path("cid").asString());
        assertThat(record.path("reply").path("root").path("uri").asString())
                .isEqualTo(parentRecord.path("reply").path("root").path("uri").asString())
                .isNotEqualTo(parentUri());
        assertThat(record.path("reply").path("root").path("cid").asString())
                .isEqualTo(parentRecord.path("reply").path("root").path("cid").asString());

        String text = record.path("text").asString();
        assertThat(text).isEqualTo("@" + RESIDENT_HANDLE + " " + body);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        JsonNode mention = record.path("facets").get(0);
        assertThat(mention.path("features").get(0).path("$type").asString())
                .isEqualTo("app.bsky.richtext.facet#mention");
        assertThat(mention.path("features").get(0).path("did").asString())
                .isEqualTo(parentEvent.path("did").asString());
        assertThat(slice(utf8, mention)).isEqualTo("@" + RESIDENT_HANDLE);
        JsonNode link = record.path("facets").get(1);
        assertThat(link.path("features").get(0).path("uri").asString())
                .isEqualTo("https://riverton.example/track/RIV-2026-0042");
        assertThat(slice(utf8, link)).isEqualTo("https://riverton.example/track/RIV-2026-0042");
        assertThat(logins).hasValue(1);
    }

    static String slice(byte[] utf8, JsonNode facet) {
        int start = facet.path("index").path("byteStart").asInt();
        int end = facet.path("index").path("byteEnd").asInt();
        return new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }

    @Test
    void sendingAgainWithTheSameKeyDoesNotPostTwice() throws Exception {
        var message = new OutboundMessage("case-42-reply-2", ChannelKind.BLUESKY, parentUri(), "", "Fixed, thank you.");
        sender.send(message);
        sender.send(message);
        assertThat(created).hasSize(1);
        sender.send(new OutboundMessage("case-42-reply-3", ChannelKind.BLUESKY, parentUri(), "", "Another one."));
        assertThat(created).hasSize(2);
        assertThat(rkeys).hasSize(2);
        assertThat(logins).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheWriteRepeated() throws Exception {
        sender.send(new OutboundMessage("k-1", ChannelKind.BLUESKY, parentUri(), "", "First."));
        expireNextWrite.set(true);
        sender.send(new OutboundMessage("k-2", ChannelKind.BLUESKY, parentUri(), "", "Second."));
        assertThat(created).hasSize(2);
        assertThat(refreshes).hasValue(1);
        assertThat(logins).hasValue(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aLongAnswerIsCutTo300Graphemes() throws Exception {
        String body = "👩‍👩‍👧 é ".repeat(200);
        sender.send(new OutboundMessage("k-long", ChannelKind.BLUESKY, parentUri(), "", body));
        String text = created.get(0).path("record").path("text").asString();
        assertThat(BlueskyReplySender.graphemes(text)).isLessThanOrEqualTo(300).isGreaterThan(290);
        assertThat(text).endsWith("…").startsWith("@" + RESIDENT_HANDLE + " ");
        assertThat(BlueskyReplySender.graphemes("👩‍👩‍👧é")).isEqualTo(2);
    }

    @Test
    void onlyPostsCanBeAnswered() {
        assertThat(sender.supports(ChannelKind.BLUESKY)).isTrue();
        assertThat(sender.supports(ChannelKind.MASTODON)).isFalse();
        assertThatThrownBy(() -> sender.send(new OutboundMessage(
                        "k-bad", ChannelKind.BLUESKY, "https://bsky.app/profile/x/post/y", "", "Hi")))
                .isInstanceOf(org.civicloop.replies.PermanentDeliveryException.class);
        assertThat(created).isEmpty();
    }

    @Test
    void recordKeysAreStableTids() {
        assertThat(BlueskyReplySender.tid("a")).isEqualTo(BlueskyReplySender.tid("a"));
        assertThat(BlueskyReplySender.tid("a")).isNotEqualTo(BlueskyReplySender.tid("b"));
        for (int i = 0; i < 1000; i++)
            assertThat(AtprotoSyntax.isTid(BlueskyReplySender.tid("key-" + i))).isTrue();
    }
}
