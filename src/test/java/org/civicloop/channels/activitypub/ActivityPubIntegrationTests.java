package org.civicloop.channels.activitypub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.replies.OutboxForTests;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The city's ActivityPub account {@code @riverton} against a second actor started here (a JDK server
 * on loopback with its own key pair): follows are accepted with a signed Accept, a mention becomes a
 * message, a reply put into the outbox arrives in the actor's inbox signed and threaded; tampered or
 * unsigned requests store nothing; edits, deletions and unfollows take effect.
 *
 * <p>The server runs on a port picked before the start, so that the public URL (and with it the
 * actor ids) is known to the configuration.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "civicloop.channels.activitypub.enabled=true",
            "civicloop.channels.activitypub.accounts=riverton",
            "civicloop.channels.activitypub.names.riverton=City of Riverton",
            "civicloop.channels.activitypub.allow-private-addresses=true",
            "civicloop.channels.activitypub.delivery-interval=300ms",
            "civicloop.replies.dispatch-interval=300ms"
        })
class ActivityPubIntegrationTests {

    /** The installation's secret key: the actors' private keys are stored sealed with it. */
    static final String SECRET_KEY = org.civicloop.platform.SecretBox.generateKey();

    static final int PORT = freePort();
    static FakeFediverseActor ana;
    static final ObjectMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("civicloop.replies.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("CIVICLOOP_SECRET_KEY", () -> SECRET_KEY);
    }

    @BeforeAll
    static void startRemoteActor() throws Exception {
        ana = new FakeFediverseActor("ana");
    }

    @AfterAll
    static void stopRemoteActor() {
        ana.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    ActivityPubConnector connector;

    final HttpClient http = HttpClient.newHttpClient();

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String riverton() {
        return base() + "/users/riverton";
    }

    URI inbox() {
        return URI.create(riverton() + "/inbox");
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Verifies a delivery's signature with riverton's key as its actor document publishes it. */
    void assertSignedByRiverton(FakeFediverseActor.Received delivery) throws Exception {
        JsonNode actor = JSON.readTree(
                get("/users/riverton", "application/activity+json").body());
        var key = HttpSignatures.publicKey(
                actor.get("publicKey").get("publicKeyPem").asString());
        var verified = new HttpSignatures(java.time.Clock.systemUTC()).verify(delivery.asSigned(), key);
        assertThat(verified.keyId()).isEqualTo(actor.get("publicKey").get("id").asString());
        assertThat(verified.headers()).containsExactly("(request-target)", "host", "date", "digest");
        assertThat(HttpSignatures.digestMatches(delivery.asSigned().header("digest"), delivery.body()))
                .isTrue();
    }

    String note(String id, String text, String inReplyTo) {
        var note = new LinkedHashMap<String, Object>();
        note.put("id", id);
        note.put("type", "Note");
        note.put("attributedTo", ana.id());
        note.put("inReplyTo", inReplyTo);
        note.put("published", "2026-11-20T10:15:00Z");
        note.put("url", ana.base() + "/@ana/" + id.substring(id.lastIndexOf('/') + 1));
        note.put("to", java.util.List.of(riverton()));
        note.put("cc", java.util.List.of("https://www.w3.org/ns/activitystreams#Public"));
        note.put(
                "content",
                "<p><span class=\"h-card\"><a href=\"" + riverton()
                        + "\" class=\"u-url mention\">@<span>riverton</span></a></span> " + text + "</p>");
        note.put(
                "tag",
                java.util.List.of(
                        Map.of("type", "Mention", "href", riverton(), "name", "@riverton@127.0.0.1:" + port)));
        return JSON.writeValueAsString(note);
    }

    String activity(String type, String id, String object) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"actor\":\"" + ana.id() + "\",\"to\":[\"" + riverton() + "\"],\"object\":" + object + "}";
    }

    String newNoteId() {
        return ana.id() + "/statuses/" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void followAcceptMentionAndReplyRoundTrip() throws Exception {
        assertThat(port).isEqualTo(PORT);
        ana.inbox.clear();
        // follow: answered with a signed Accept of that very Follow, delivered to ana's inbox
        String followId = ana.id() + "/follows/" + UUID.randomUUID();
        var follow = ana.send(inbox(), activity("Follow", followId, "\"" + riverton() + "\""));
        assertThat(follow.statusCode()).isEqualTo(202);
        var accept = ana.nextDelivery(30);
        assertThat(accept.target()).isEqualTo("/users/ana/inbox");
        assertSignedByRiverton(accept);
        JsonNode acceptJson = JSON.readTree(accept.text());
        assertThat(acceptJson.get("type").asString()).isEqualTo("Accept");
        assertThat(acceptJson.get("actor").asString()).isEqualTo(riverton());
        assertThat(acceptJson.get("object").get("id").asString()).isEqualTo(followId);
        assertThat(acceptJson.get("object").get("type").asString()).isEqualTo("Follow");
        // the key that signed it is stored sealed with the installation's secret key, not in clear
        String storedKey = jdbc.sql("SELECT private_key_pem FROM activitypub_actor WHERE name = 'riverton'")
                .query(String.class)
                .single();
        assertThat(storedKey).startsWith("{cipher}").doesNotContain("PRIVATE KEY");
        assertThat(org.civicloop.platform.SecretBox.of(SECRET_KEY).decrypt(storedKey))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        JsonNode followers = JSON.readTree(
                get("/users/riverton/followers", "application/activity+json").body());
        assertThat(followers.get("type").asString()).isEqualTo("OrderedCollection");
        assertThat(followers.get("totalItems").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(followerCount()).isEqualTo(1);

        // a mention: stored as a message of ana's, as plain text
        String noteId = newNoteId();
        var create = ana.send(
                inbox(),
                activity(
                        "Create",
                        noteId + "/activity",
                        note(noteId, "The streetlight at 5th &amp; Main is out.<br>Since Monday.", null)));
        assertThat(create.statusCode()).isEqualTo(202);
        var stored = messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId).orElseThrow();
        assertThat(stored.authorHandle()).isEqualTo(ana.handle());
        assertThat(stored.authorName()).isEqualTo("Ana Resident");
        assertThat(stored.text()).isEqualTo("@riverton The streetlight at 5th & Main is out.\nSince Monday.");
        assertThat(stored.postedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(stored.url()).isEqualTo(ana.base() + "/@ana/" + noteId.substring(noteId.lastIndexOf('/') + 1));
        assertThat(connector.health().snapshot().messages()).isGreaterThanOrEqualTo(1);

        // a reply through the outbox: a signed Create(Note) in ana's inbox, threaded under her note
        String key = "ap-reply:" + UUID.randomUUID();
        assertThat(OutboxForTests.enqueue(
                        context,
                        key,
                        ChannelKind.ACTIVITYPUB,
                        ana.handle(),
                        "Thanks, a crew is on its way <today>.",
                        noteId))
                .isTrue();
        var reply = ana.nextDelivery(60);
        assertSignedByRiverton(reply);
        JsonNode replyJson = JSON.readTree(reply.text());
        assertThat(replyJson.get("type").asString()).isEqualTo("Create");
        assertThat(replyJson.get("actor").asString()).isEqualTo(riverton());
        JsonNode object = replyJson.get("object");
        assertThat(object.get("type").asString()).isEqualTo("Note");
        assertThat(object.get("inReplyTo").asString()).isEqualTo(noteId);
        assertThat(object.get("attributedTo").asString()).isEqualTo(riverton());
        assertThat(object.get("to").get(0).asString()).isEqualTo(ana.id());
        assertThat(object.get("cc").get(0).asString()).isEqualTo(riverton() + "/followers");
        assertThat(object.get("tag").get(0).get("type").asString()).isEqualTo("Mention");
        assertThat(object.get("tag").get(0).get("href").asString()).isEqualTo(ana.id());
        assertThat(object.get("tag").get(0).get("name").asString()).isEqualTo(ana.handle());
        assertThat(object.get("content").asString())
                .contains("href=\"" + ana.base() + "/@ana\"")
                .contains("Thanks, a crew is on its way &lt;today&gt;.")
                .doesNotContain("<today>");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(outboxStatus(key)).isEqualTo("sent"));

        // the note is served at its id
        String replyId = object.get("id").asString();
        assertThat(replyId).startsWith(riverton() + "/notes/");
        var served = get(URI.create(replyId).getPath(), "application/activity+json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).get("id").asString()).isEqualTo(replyId);
        assertThat(JSON.readTree(served.body()).get("inReplyTo").asString()).isEqualTo(noteId);

        // Undo(Follow) ends the follow
        String undo = activity(
                "Undo",
                followId + "/undo",
                "{\"id\":\"" + followId + "\",\"type\":\"Follow\",\"actor\":\"" + ana.id() + "\",\"object\":\""
                        + riverton() + "\"}");
        assertThat(ana.send(inbox(), undo).statusCode()).isEqualTo(202);
        assertThat(followerCount()).isZero();
    }

    @Test
    void theSameReplyDeliveredTwiceIsTheSameNoteSentOnce() throws Exception {
        String noteId = newNoteId();
        assertThat(ana.send(inbox(), activity("Create", noteId + "/activity", note(noteId, "Pothole on Elm.", null)))
                        .statusCode())
                .isEqualTo(202);
        ana.inbox.clear();
        var sender = context.getBean(ActivityPubReplySender.class);
        String key = "ap-twice:" + UUID.randomUUID();
        var message = new org.civicloop.replies.ReplySender.OutboundMessage(
                key, ChannelKind.ACTIVITYPUB, ana.handle(), null, "Fixed tomorrow.", noteId);
        sender.send(message);
        var first = JSON.readTree(ana.nextDelivery(10).text());
        sender.send(message);
        assertThat(ana.inbox.poll(1, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM activitypub_note WHERE idempotency_key = :k")
                        .param("k", key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(first.get("object").get("inReplyTo").asString()).isEqualTo(noteId);

        // an inbox refusing for good (4xx) is a permanent failure; 5xx is retried
        String other = "ap-refused:" + UUID.randomUUID();
        ana.inboxStatus = 403;
        try {
            assertThatCode(() -> sender.send(new org.civicloop.replies.ReplySender.OutboundMessage(
                            other, ChannelKind.ACTIVITYPUB, ana.handle(), null, "No.", noteId)))
                    .isInstanceOf(org.civicloop.replies.PermanentDeliveryException.class);
            ana.inboxStatus = 503;
            assertThatCode(() -> sender.send(new org.civicloop.replies.ReplySender.OutboundMessage(
                            other + "b", ChannelKind.ACTIVITYPUB, ana.handle(), null, "Later.", noteId)))
                    .isInstanceOf(ActivityPubReplySender.RetryLaterException.class);
        } finally {
            ana.inboxStatus = 202;
            ana.inbox.clear();
        }
    }

    @Test
    void tamperedOrUnsignedRequestsAreRefusedAndStoreNothing() throws Exception {
        String noteId = newNoteId();
        byte[] body = activity("Create", noteId + "/activity", note(noteId, "Graffiti on the bridge.", null))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = ana.signedHeaders(inbox(), body, Instant.now());

        // one byte of the body changed (the Digest no longer matches)
        byte[] changed = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf("Graffiti");
        changed[at] = 'X';
        assertProblem(ana.post(inbox(), changed, headers), 401);

        // the body changed and the Digest recomputed: the signature no longer covers it
        var recomputed = new LinkedHashMap<>(headers);
        recomputed.put("Digest", HttpSignatures.digest(changed));
        assertProblem(ana.post(inbox(), changed, recomputed), 401);

        // a signed header changed (Date one second later)
        var redated = new LinkedHashMap<>(headers);
        redated.put(
                "Date",
                HttpSignatures.httpDate(java.time.ZonedDateTime.parse(
                                headers.get("Date"), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .plusSeconds(1)));
        assertProblem(ana.post(inbox(), body, redated), 401);

        // one byte of the signature changed
        var resigned = new LinkedHashMap<>(headers);
        String sig = headers.get("Signature");
        int s = sig.indexOf("signature=\"") + 11;
        resigned.put("Signature", sig.substring(0, s) + (sig.charAt(s) == 'A' ? 'B' : 'A') + sig.substring(s + 1));
        assertProblem(ana.post(inbox(), body, resigned), 401);

        // unsigned
        assertProblem(ana.post(inbox(), body, Map.of()), 401);
        // signed without the digest in the signed headers
        assertProblem(
                ana.post(
                        URI.create(base() + "/inbox"),
                        body,
                        Map.of(
                                "Date",
                                headers.get("Date"),
                                "Signature",
                                headers.get("Signature")
                                        .replace("(request-target) host date digest", "(request-target) host date"))),
                401);
        // a Date far in the past
        assertProblem(
                ana.post(
                        inbox(),
                        body,
                        ana.signedHeaders(inbox(), body, Instant.now().minus(Duration.ofDays(2)))),
                401);

        assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId)).isEmpty();

        // the untouched request is heard (also on the shared inbox)
        URI shared = URI.create(base() + "/inbox");
        assertThat(ana.post(shared, body, ana.signedHeaders(shared, body, Instant.now()))
                        .statusCode())
                .isEqualTo(202);
        assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId)).isPresent();
    }

    @Test
    void undoByIdAndTheActorsDeletionEndTheFollow() throws Exception {
        ana.inbox.clear();
        String followId = ana.id() + "/follows/" + UUID.randomUUID();
        assertThat(ana.send(inbox(), activity("Follow", followId, "\"" + riverton() + "\""))
                        .statusCode())
                .isEqualTo(202);
        assertThat(followerCount()).isEqualTo(1);
        // an Undo naming the Follow by its id only
        assertThat(ana.send(inbox(), activity("Undo", followId + "/undo", "\"" + followId + "\""))
                        .statusCode())
                .isEqualTo(202);
        assertThat(followerCount()).isZero();
        // an Undo of something else: accepted and ignored
        assertThat(ana.send(
                                inbox(),
                                activity(
                                        "Undo",
                                        ana.id() + "/undo-like",
                                        "{\"id\":\"" + ana.id() + "/likes/9\",\"type\":\"Like\",\"actor\":\"" + ana.id()
                                                + "\",\"object\":\"" + riverton() + "/notes/ab\"}"))
                        .statusCode())
                .isEqualTo(202);

        String again = ana.id() + "/follows/" + UUID.randomUUID();
        assertThat(ana.send(inbox(), activity("Follow", again, "\"" + riverton() + "\""))
                        .statusCode())
                .isEqualTo(202);
        assertThat(followerCount()).isEqualTo(1);
        // the account deleted itself
        assertThat(ana.send(inbox(), activity("Delete", ana.id() + "#delete", "\"" + ana.id() + "\""))
                        .statusCode())
                .isEqualTo(202);
        assertThat(followerCount()).isZero();
        // both follows were accepted, each with its own Accept
        var accepted = new java.util.HashSet<String>();
        for (int i = 0; i < 2; i++) {
            var accept = ana.nextDelivery(30);
            assertSignedByRiverton(accept);
            accepted.add(JSON.readTree(accept.text()).get("object").get("id").asString());
        }
        assertThat(accepted).containsExactlyInAnyOrder(followId, again);
    }

    @Test
    void aRotatedKeyIsFetchedAgainOnce() throws Exception {
        String first = newNoteId();
        assertThat(ana.send(inbox(), activity("Create", first + "/activity", note(first, "Before.", null)))
                        .statusCode())
                .isEqualTo(202); // ana's key is now cached
        var old = ana.keys;
        ana.keys = ActorKeys.generate();
        try {
            String second = newNoteId();
            assertThat(ana.send(inbox(), activity("Create", second + "/activity", note(second, "After.", null)))
                            .statusCode())
                    .isEqualTo(202);
            assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, second))
                    .isPresent();
            // the cache now holds the new key
            assertThat(jdbc.sql("SELECT public_key_pem FROM activitypub_remote_actor WHERE actor_id = :id")
                            .param("id", ana.id())
                            .query(String.class)
                            .single())
                    .isEqualTo(ActorKeys.pem("PUBLIC KEY", ana.keys.getPublic().getEncoded()));
        } finally {
            ana.keys = old;
        }
    }

    @Test
    void pausingHoldsRepliesButTheInboxKeepsAccepting() throws Exception {
        connector.pause();
        try {
            assertThat(connector.health().snapshot().state()).isEqualTo(ConnectorHealth.State.PAUSED);
            String noteId = newNoteId();
            assertThat(ana.send(inbox(), activity("Create", noteId + "/activity", note(noteId, "While paused.", null)))
                            .statusCode())
                    .isEqualTo(202);
            assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId))
                    .isPresent();
            var sender = context.getBean(ActivityPubReplySender.class);
            assertThatCode(() -> sender.send(new org.civicloop.replies.ReplySender.OutboundMessage(
                            "ap-paused:" + UUID.randomUUID(),
                            ChannelKind.ACTIVITYPUB,
                            ana.handle(),
                            null,
                            "Held.",
                            noteId)))
                    .isInstanceOf(ActivityPubReplySender.RetryLaterException.class);
        } finally {
            connector.resume();
        }
        assertThat(connector.health().snapshot().state()).isNotEqualTo(ConnectorHealth.State.PAUSED);
    }

    @Test
    void anActivityOfSomeoneElseThanTheSignerIsRefused() throws Exception {
        String noteId = "http://127.0.0.1:9/users/mallory/statuses/1";
        String forged = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + noteId
                + "/activity\",\"type\":\"Create\",\"actor\":\"http://127.0.0.1:9/users/mallory\",\"object\":"
                + note(noteId, "Forged.", null) + "}";
        assertProblem(ana.send(inbox(), forged), 401);
        assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId)).isEmpty();
    }

    @Test
    void malformedActivitiesAre400UnknownOnesAccepted() throws Exception {
        assertProblem(ana.send(inbox(), "{\"type\": \"Create\", "), 400);
        assertProblem(ana.send(inbox(), "[1, 2]"), 400);
        assertProblem(ana.send(inbox(), "{\"@context\":\"https://example.com/not-as2\",\"type\":\"Create\"}"), 400);
        // a note on another host than its actor
        String elsewhere = "https://elsewhere.example/notes/1";
        assertProblem(ana.send(inbox(), activity("Create", newNoteId(), note(elsewhere, "Hi", null))), 400);
        // a Like, an Announce: accepted and ignored
        assertThat(ana.send(inbox(), activity("Like", ana.id() + "/likes/1", "\"" + riverton() + "/notes/abc\""))
                        .statusCode())
                .isEqualTo(202);
        // an account that does not exist
        assertThat(ana.send(
                                URI.create(base() + "/users/nobody/inbox"),
                                activity("Like", ana.id() + "/likes/2", "\"x:y\""))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aTooLargeActivityIs413() throws Exception {
        String big = activity("Create", newNoteId(), note(newNoteId(), "x".repeat(300_000), null));
        var response = ana.send(inbox(), big);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void updateEditsAndDeleteRetracts() throws Exception {
        String noteId = newNoteId();
        assertThat(ana.send(
                                inbox(),
                                activity("Create", noteId + "/activity", note(noteId, "Tree down on Oak St.", null)))
                        .statusCode())
                .isEqualTo(202);
        assertThat(ana.send(
                                inbox(),
                                activity(
                                        "Update",
                                        noteId + "#updates/1",
                                        note(noteId, "Tree down on Oak St, blocking the road.", null)))
                        .statusCode())
                .isEqualTo(202);
        var edited = messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId).orElseThrow();
        assertThat(edited.text()).isEqualTo("@riverton Tree down on Oak St, blocking the road.");
        assertThat(messages.revisions(edited.id())).contains("@riverton Tree down on Oak St.");

        String tombstone = "{\"id\":\"" + noteId + "\",\"type\":\"Tombstone\"}";
        assertThat(ana.send(inbox(), activity("Delete", noteId + "#delete", tombstone))
                        .statusCode())
                .isEqualTo(202);
        assertThat(messages.findByExternalId(ChannelKind.ACTIVITYPUB, noteId)
                        .orElseThrow()
                        .retracted())
                .isTrue();

        // a reply to one of the city's notes is addressed to it even without a mention
        String other = newNoteId();
        String reply = note(other, "Thanks!", riverton() + "/notes/0123abcd")
                .replace("\"to\":[\"" + riverton() + "\"]", "\"to\":[]")
                .replaceAll("\"tag\":\\[[^\\]]*\\]", "\"tag\":[]");
        String replyActivity = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + other
                + "/activity\",\"type\":\"Create\",\"actor\":\"" + ana.id() + "\",\"object\":" + reply + "}";
        assertThat(ana.send(inbox(), replyActivity).statusCode()).isEqualTo(202);
        var threaded = messages.findByExternalId(ChannelKind.ACTIVITYPUB, other).orElseThrow();
        assertThat(threaded.text()).isEqualTo("@riverton Thanks!");
    }

    @Test
    void aRealMastodonCreateNoteBecomesAMessage() throws Exception {
        // Mastodon's documentation: a poll vote, a Create(Note) with a name and no content; its hosts
        // are replaced by the test actor's and the city's
        String real = Files.readString(
                org.civicloop.testing.SharedData.path("protocol/mastodon/json_examples/spec__activitypub__05.json"));
        String unique = UUID.randomUUID().toString().replace("-", "");
        String doc = real.replace("https://mastodon.example/users/alice/statuses/", riverton() + "/notes/")
                .replace("https://mastodon.example/users/alice", riverton())
                .replace("https://mastodon.example/users/bob#votes/827163", ana.id() + "#votes/" + unique)
                .replace("https://mastodon.example/users/bob", ana.id());
        assertThat(ana.send(inbox(), doc).statusCode()).isEqualTo(202);
        var vote = messages.findByExternalId(ChannelKind.ACTIVITYPUB, ana.id() + "#votes/" + unique)
                .orElseThrow();
        assertThat(vote.text()).isEqualTo("orange");
        assertThat(vote.authorHandle()).isEqualTo(ana.handle());

        // Mastodon's security documentation: a Create whose Note has no id cannot be stored or answered
        String block7 = """
                {
                  "@context": "https://www.w3.org/ns/activitystreams",
                  "actor": "%s",
                  "type": "Create",
                  "object": {
                    "type": "Note",
                    "content": "Hello!"
                  },
                  "to": "%s"
                }""".formatted(ana.id(), riverton());
        assertProblem(ana.send(inbox(), block7), 400);
    }

    @Test
    void webfingerAndActorDocuments() throws Exception {
        String host = "127.0.0.1:" + port;
        var found = get("/.well-known/webfinger?resource=acct:riverton@" + host, "application/jrd+json");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jrd+json");
        JsonNode jrd = JSON.readTree(found.body());
        assertThat(jrd.get("subject").asString()).isEqualTo("acct:riverton@" + host);
        JsonNode self = null;
        for (JsonNode link : jrd.get("links")) if ("self".equals(link.get("rel").asString())) self = link;
        assertThat(self).isNotNull();
        assertThat(self.get("type").asString()).isEqualTo("application/activity+json");
        assertThat(self.get("href").asString()).isEqualTo(riverton());

        assertThat(get("/.well-known/webfinger?resource=acct:nobody@" + host, "application/jrd+json")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/.well-known/webfinger?resource=acct:riverton@elsewhere.example", "application/jrd+json")
                        .statusCode())
                .isEqualTo(404);
        var malformed = get("/.well-known/webfinger?resource=mailto:riverton", "application/jrd+json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(get("/.well-known/webfinger", "application/jrd+json").statusCode())
                .isEqualTo(400);

        var actor = get("/users/riverton", "application/activity+json");
        assertThat(actor.statusCode()).isEqualTo(200);
        assertThat(actor.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/activity+json");
        JsonNode doc = JSON.readTree(actor.body());
        assertThat(doc.get("id").asString()).isEqualTo(riverton());
        assertThat(doc.get("type").asString()).isIn("Person", "Service");
        assertThat(doc.get("preferredUsername").asString()).isEqualTo("riverton");
        assertThat(doc.get("name").asString()).isEqualTo("City of Riverton");
        assertThat(doc.get("summary").asString()).isNotBlank();
        assertThat(doc.get("inbox").asString()).isEqualTo(riverton() + "/inbox");
        assertThat(doc.get("outbox").asString()).isEqualTo(riverton() + "/outbox");
        assertThat(doc.get("followers").asString()).isEqualTo(riverton() + "/followers");
        assertThat(doc.get("publicKey").get("id").asString()).isEqualTo(riverton() + "#main-key");
        assertThat(doc.get("publicKey").get("owner").asString()).isEqualTo(riverton());
        var key = (java.security.interfaces.RSAPublicKey) HttpSignatures.publicKey(
                doc.get("publicKey").get("publicKeyPem").asString());
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        // the document is what our own AS2 parser accepts
        assertThat(new ActivityStreams().parse(actor.body()).id()).isEqualTo(riverton());

        var ld = get("/users/riverton", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        assertThat(ld.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/ld+json")
                .contains("profile=\"https://www.w3.org/ns/activitystreams\"");
        assertThat(JSON.readTree(ld.body()).get("id").asString()).isEqualTo(riverton());

        JsonNode outbox = JSON.readTree(
                get("/users/riverton/outbox", "application/activity+json").body());
        assertThat(outbox.get("type").asString()).isEqualTo("OrderedCollection");
        assertThat(outbox.has("totalItems")).isTrue();
        assertThat(get("/users/nobody", "application/activity+json").statusCode())
                .isEqualTo(404);
        assertThat(get("/users/riverton/notes/ffff", "application/activity+json")
                        .statusCode())
                .isEqualTo(404);

        // the connector's own test: key pair present, WebFinger resolves
        ConnectorHealth.TestResult test = connector.test();
        assertThat(test.ok()).as(test.detail()).isTrue();
        assertThat(connector.id()).isEqualTo("activitypub:" + host);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private long followerCount() {
        return jdbc.sql("SELECT count(*) FROM activitypub_follower WHERE actor_id = :a")
                .param("a", ana.id())
                .query(Long.class)
                .single();
    }

    private String outboxStatus(String key) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE idempotency_key = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
