package org.civicloop.channels.activitypub;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.channels.activitypub.ActivityStreams.AsObject;
import org.civicloop.channels.activitypub.HttpSignatures.HttpSignatureException;
import org.civicloop.channels.activitypub.HttpSignatures.SignatureHeader;
import org.civicloop.channels.activitypub.RemoteActors.RemoteActor;
import org.civicloop.channels.activitypub.RemoteActors.RemoteActorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The city's accounts on the fediverse: WebFinger, actor documents, collections, published notes
 * (all public GETs), and the inboxes ({@code POST /users/NAME/inbox}, shared {@code POST /inbox}).
 *
 * <p>An inbox hears only requests signed (draft-cavage HTTP Signatures, as Mastodon signs them) over
 * {@code (request-target) host date digest}, with a {@code Digest} matching the body and a
 * {@code Date} within the allowed skew, by a key whose owner is the activity's actor. The key is
 * fetched from its {@code keyId} and cached; a failed check with a cached key fetches it once more
 * (the sender may have rotated it). Unsigned or wrongly signed: 401 and nothing stored; not JSON or
 * not ActivityStreams: 400; larger than the limit: 413; otherwise 202, also for activities it ignores.
 */
@RestController
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubController {

    private static final Logger log = LoggerFactory.getLogger(ActivityPubController.class);
    static final MediaType ACTIVITY_JSON = MediaType.parseMediaType("application/activity+json");
    static final MediaType LD_JSON =
            MediaType.parseMediaType("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
    static final MediaType JRD_JSON = MediaType.parseMediaType("application/jrd+json");
    private static final List<String> REQUIRED_SIGNED = List.of("(request-target)", "host", "date", "digest");
    private static final String PROBLEMS = "https://civicloop.org/problems/";

    private final ActivityPubDocuments documents;
    private final ActivityPubInbox inbox;
    private final RemoteActors remoteActors;
    private final HttpSignatures signatures;
    private final ActivityStreams activityStreams;
    private final ActivityPubSettings settings;
    private final ActivityPubHealth health;
    private final ObjectMapper json;
    private final ActivityPubUrls urls;
    private final java.time.Clock clock;

    ActivityPubController(
            ActivityPubDocuments documents,
            ActivityPubInbox inbox,
            RemoteActors remoteActors,
            HttpSignatures signatures,
            ActivityStreams activityStreams,
            ActivityPubSettings settings,
            ActivityPubHealth health,
            ObjectMapper json,
            ActivityPubUrls urls,
            java.time.Clock clock) {
        this.urls = urls;
        this.clock = clock;
        this.documents = documents;
        this.inbox = inbox;
        this.remoteActors = remoteActors;
        this.signatures = signatures;
        this.activityStreams = activityStreams;
        this.settings = settings;
        this.health = health;
        this.json = json;
    }

    // --- discovery and documents ---

    @GetMapping("/.well-known/webfinger")
    ResponseEntity<?> webfinger(@RequestParam(name = "resource", required = false) String resource) {
        Optional<String> account;
        try {
            account = documents.accountOf(resource);
        } catch (ActivityPubDocuments.MalformedResourceException e) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-resource", "Invalid resource", e.getMessage());
        }
        if (account.isEmpty()) return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such account here.");
        return ResponseEntity.ok()
                .contentType(JRD_JSON)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .body(json.writeValueAsString(documents.webfinger(account.get())));
    }

    @GetMapping("/users/{name}")
    ResponseEntity<?> actor(
            @PathVariable String name, @RequestHeader(name = "Accept", required = false) String accept) {
        if (!documents.isAccount(name)) return notFound();
        return activityJson(accept, documents.actor(name));
    }

    @GetMapping("/users/{name}/followers")
    ResponseEntity<?> followers(
            @PathVariable String name, @RequestHeader(name = "Accept", required = false) String accept) {
        if (!documents.isAccount(name)) return notFound();
        return activityJson(accept, documents.followers(name));
    }

    @GetMapping("/users/{name}/following")
    ResponseEntity<?> following(
            @PathVariable String name, @RequestHeader(name = "Accept", required = false) String accept) {
        if (!documents.isAccount(name)) return notFound();
        return activityJson(accept, documents.following(name));
    }

    @GetMapping("/users/{name}/outbox")
    ResponseEntity<?> outbox(
            @PathVariable String name, @RequestHeader(name = "Accept", required = false) String accept) {
        if (!documents.isAccount(name)) return notFound();
        return activityJson(accept, documents.outbox(name));
    }

    @GetMapping("/users/{name}/notes/{id}")
    ResponseEntity<?> note(
            @PathVariable String name,
            @PathVariable String id,
            @RequestHeader(name = "Accept", required = false) String accept,
            HttpServletRequest request) {
        if (!documents.isAccount(name) || !id.matches("[0-9a-f]{1,64}")) return notFound();
        var note = documents.note(urls.note(name, id));
        if (note.isEmpty()) return notFound();
        return ResponseEntity.ok()
                .contentType(mediaType(accept))
                .header(HttpHeaders.VARY, "Accept")
                .body(note.get());
    }

    private ResponseEntity<?> activityJson(String accept, Map<String, Object> document) {
        return ResponseEntity.ok()
                .contentType(mediaType(accept))
                .header(HttpHeaders.VARY, "Accept")
                .body(json.writeValueAsString(document));
    }

    /** {@code application/ld+json; profile=…} when asked for it, else {@code application/activity+json}. */
    static MediaType mediaType(String accept) {
        if (accept != null) {
            try {
                for (MediaType type : MediaType.parseMediaTypes(accept)) {
                    if (type.getType().equals("application")
                            && type.getSubtype().equals("ld+json")) return LD_JSON;
                    if (type.getType().equals("application")
                            && type.getSubtype().equals("activity+json")) return ACTIVITY_JSON;
                }
            } catch (IllegalArgumentException e) {
                // a malformed Accept gets the default
            }
        }
        return ACTIVITY_JSON;
    }

    // --- inboxes ---

    @PostMapping("/users/{name}/inbox")
    ResponseEntity<?> accountInbox(@PathVariable String name, HttpServletRequest request) throws IOException {
        if (!documents.isAccount(name)) return notFound();
        return receive(request);
    }

    @PostMapping("/inbox")
    ResponseEntity<?> sharedInbox(HttpServletRequest request) throws IOException {
        return receive(request);
    }

    private ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long limit = settings.maxInboxSize().toBytes();
        if (request.getContentLengthLong() > limit) return tooLarge(limit);
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) return tooLarge(limit);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        String target =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        var signed = new HttpSignatures.Request("POST", target, headers, body);

        RemoteActor actor;
        try {
            actor = verify(signed);
        } catch (HttpSignatureException | RemoteActorException e) {
            log.info("ActivityPub inbox refused a request: {}", e.getMessage());
            return problem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", e.getMessage());
        }

        AsObject activity;
        try {
            activity = activityStreams.parse(body);
        } catch (ActivityStreamsException e) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-activity", "Invalid activity", e.getMessage());
        }
        String activityActor = ActivityPubInbox.firstId(activity.actor());
        if (activityActor == null || !activityActor.equals(actor.id())) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-signature",
                    "Invalid signature",
                    "the request is signed by " + actor.id() + ", the activity's actor is " + activityActor);
        }
        ActivityPubInbox.Result result;
        try {
            result = inbox.handle(activity, actor);
        } catch (ActivityPubInbox.RejectedException | IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-activity", "Invalid activity", e.getMessage());
        }
        if (result.outcome() == ActivityPubInbox.Outcome.STORED) health.health.received(1);
        else health.health.success();
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** Checks the signature and answers whom it proves; refetches a cached key once on failure. */
    private RemoteActor verify(HttpSignatures.Request request) throws HttpSignatureException, RemoteActorException {
        String value =
                request.header("signature") != null ? request.header("signature") : request.header("authorization");
        SignatureHeader header = HttpSignatures.parse(value);
        for (String required : REQUIRED_SIGNED) {
            if (!header.headers().contains(required))
                throw new HttpSignatureException("the signature must cover " + String.join(" ", REQUIRED_SIGNED));
        }
        URI keyId;
        try {
            keyId = new URI(header.keyId());
        } catch (java.net.URISyntaxException e) {
            throw new HttpSignatureException("keyId is not a URL");
        }
        java.time.Instant started = clock.instant();
        RemoteActor actor = remoteActors.byKeyId(keyId.toString(), false);
        try {
            signatures.verify(request, publicKey(actor));
            return actor;
        } catch (HttpSignatureException first) {
            if (first.getMessage().startsWith("Date")
                    || first.getMessage().startsWith("Digest")
                    || first.getMessage().startsWith("no Date")) throw first;
            // the sender may have a new key: fetch it once more (unless it was fetched just now)
            if (!actor.fetchedAt().isBefore(started)) throw first;
            RemoteActor fresh = remoteActors.byKeyId(keyId.toString(), true);
            if (fresh.publicKeyPem().equals(actor.publicKeyPem())) throw first;
            signatures.verify(request, publicKey(fresh));
            return fresh;
        }
    }

    private static PublicKey publicKey(RemoteActor actor) throws HttpSignatureException {
        try {
            return HttpSignatures.publicKey(actor.publicKeyPem());
        } catch (IllegalArgumentException e) {
            throw new HttpSignatureException("unreadable key of " + actor.id());
        }
    }

    private ResponseEntity<?> tooLarge(long limit) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-large",
                "Too large",
                "An activity may be at most " + limit + " bytes.");
    }

    private static ResponseEntity<?> notFound() {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such account or object here.");
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) response.header(HttpHeaders.WWW_AUTHENTICATE, "Signature");
        return response.body(problem);
    }
}
