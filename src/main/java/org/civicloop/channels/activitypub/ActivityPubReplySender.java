package org.civicloop.channels.activitypub;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.channels.activitypub.RemoteActors.RemoteActor;
import org.civicloop.channels.activitypub.RemoteActors.RemoteActorException;
import org.civicloop.replies.PermanentDeliveryException;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers a resident on the fediverse: a {@code Create(Note)} from the city account they wrote to,
 * addressed to them (cc the account's followers), mentioning them (a {@code Mention} tag and a link,
 * so that their server notifies them) and threaded under their note ({@code inReplyTo}), POSTed to
 * their inbox, signed.
 *
 * <p>The note's id is derived from the outbox idempotency key, and the note is kept: a redelivery
 * sends the very same note (remote servers drop a second Create of an id they know), a delivery that
 * went through is not repeated, and the note is served at its id. The resident is found from the
 * note answered ({@code inReplyTo}); without one, the recipient is their actor URL or their
 * {@code @user@host} handle as last seen. An inbox answering 4xx (other than 408 and 429) refuses for
 * good; 5xx, timeouts and a paused channel are retried by the outbox.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubReplySender implements ReplySender {

    /** A failure the outbox should retry. */
    static final class RetryLaterException extends IOException implements ReplySender.Failure {
        RetryLaterException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean permanent() {
            return false;
        }
    }

    private final ActivityPubSettings settings;
    private final ActivityPubUrls urls;
    private final RemoteActors actors;
    private final Deliveries deliveries;
    private final ActivityPubHealth health;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ActorKeys keys;

    ActivityPubReplySender(
            ActivityPubSettings settings,
            ActivityPubUrls urls,
            RemoteActors actors,
            Deliveries deliveries,
            ActivityPubHealth health,
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock,
            ActorKeys keys) {
        this.settings = settings;
        this.urls = urls;
        this.actors = actors;
        this.deliveries = deliveries;
        this.health = health;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.keys = keys;
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.ACTIVITYPUB;
    }

    @Override
    public void send(OutboundMessage message) throws Exception {
        if (health.health.isPaused()) throw new RetryLaterException("the ActivityPub channel is paused", null);
        if (settings.accounts().isEmpty()) throw new PermanentDeliveryException("no ActivityPub account is configured");

        String inReplyTo = message.inReplyTo() == null || message.inReplyTo().isBlank()
                ? null
                : message.inReplyTo().strip();
        record Received(String account, String actorId) {}
        Optional<Received> received = inReplyTo == null
                ? Optional.empty()
                : jdbc.sql("SELECT account, actor_id FROM activitypub_received_note WHERE note_id = :id")
                        .param("id", inReplyTo)
                        .query((rs, i) -> new Received(rs.getString("account"), rs.getString("actor_id")))
                        .optional();
        String account = received.map(Received::account)
                .filter(settings.accounts()::contains)
                .orElse(settings.accounts().get(0));

        RemoteActor resident;
        try {
            resident = resident(received.map(Received::actorId).orElse(null), message.recipient());
        } catch (RemoteActorException e) {
            if (e.getCause() instanceof SafeHttp.RefusedException)
                throw new PermanentDeliveryException(e.getMessage(), e);
            health.health.failure(e);
            throw new RetryLaterException(e.getMessage(), e);
        }
        if (resident.inbox() == null)
            throw new PermanentDeliveryException("the resident's actor " + resident.id() + " has no inbox");

        keys.ensure(account);
        String note = note(message, account, resident, inReplyTo);
        String noteId = json.readTree(note).get("id").asString();
        if (deliveries.delivered("reply", noteId, resident.inbox())) return;
        String create = create(account, resident, note);
        try {
            deliveries.post(account, resident.inbox(), create);
        } catch (Deliveries.DeliveryFailedException e) {
            deliveries.record(
                    account,
                    "reply",
                    noteId,
                    resident.inbox(),
                    create,
                    e.permanent() ? "failed" : "pending",
                    e.getMessage());
            health.health.failure(e);
            if (e.permanent()) throw new PermanentDeliveryException(e.getMessage(), e);
            throw new RetryLaterException(e.getMessage(), e);
        } catch (SafeHttp.RefusedException e) {
            deliveries.record(account, "reply", noteId, resident.inbox(), create, "failed", e.getMessage());
            health.health.failure(e);
            throw new PermanentDeliveryException(e.getMessage(), e);
        } catch (IOException e) {
            deliveries.record(account, "reply", noteId, resident.inbox(), create, "pending", e.toString());
            health.health.failure(e);
            throw new RetryLaterException("delivery to " + resident.inbox() + " failed: " + e, e);
        }
        deliveries.record(account, "reply", noteId, resident.inbox(), create, "sent", null);
        health.health.success();
    }

    /** The resident: the author of the note answered, else the recipient (actor URL or handle). */
    private RemoteActor resident(String actorId, String recipient)
            throws RemoteActorException, PermanentDeliveryException {
        if (actorId != null) return actors.byId(actorId);
        String r = recipient == null ? "" : recipient.strip().split("\\s+")[0];
        if (r.startsWith("https://") || r.startsWith("http://")) return actors.byId(r);
        var known = actors.byHandle(r);
        if (known.isPresent()) return actors.byId(known.get().id());
        throw new PermanentDeliveryException("no known fediverse actor for recipient " + recipient);
    }

    /** The note for this outbox message: the one already made for its key, else a new one. */
    private String note(OutboundMessage message, String account, RemoteActor resident, String inReplyTo) {
        var existing = jdbc.sql("SELECT document FROM activitypub_note WHERE idempotency_key = :key")
                .param("key", message.idempotencyKey())
                .query(String.class)
                .optional();
        if (existing.isPresent()) return existing.get();
        String id = urls.note(account, ActivityPubInbox.hash("reply:" + message.idempotencyKey()));
        Instant published = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String mentionName = resident.handle();
        String profile = resident.url() != null ? resident.url() : resident.id();
        String user = mentionName.substring(1, mentionName.indexOf('@', 1));

        String body = message.body() == null ? "" : message.body().strip();
        if (body.regionMatches(true, 0, mentionName, 0, mentionName.length()))
            body = body.substring(mentionName.length()).strip();
        else if (body.regionMatches(true, 0, "@" + user + " ", 0, user.length() + 2))
            body = body.substring(user.length() + 1).strip();
        var html = new StringBuilder("<p><span class=\"h-card\"><a href=\"")
                .append(HtmlUtils.htmlEscape(profile))
                .append("\" class=\"u-url mention\">@<span>")
                .append(HtmlUtils.htmlEscape(user))
                .append("</span></a></span> ");
        String[] paragraphs = body.split("\\n\\s*\\n");
        for (int i = 0; i < paragraphs.length; i++) {
            if (i > 0) html.append("</p><p>");
            html.append(HtmlUtils.htmlEscape(paragraphs[i].strip()).replace("\n", "<br>"));
        }
        html.append("</p>");

        var note = new LinkedHashMap<String, Object>();
        note.put("@context", ActivityPubDocuments.AS_CONTEXT);
        note.put("id", id);
        note.put("type", "Note");
        note.put("attributedTo", urls.actor(account));
        note.put("inReplyTo", inReplyTo);
        note.put("published", published.toString());
        note.put("url", id);
        note.put("to", List.of(resident.id()));
        note.put("cc", List.of(urls.followers(account)));
        note.put("content", html.toString());
        var mention = new LinkedHashMap<String, Object>();
        mention.put("type", "Mention");
        mention.put("href", resident.id());
        mention.put("name", mentionName);
        note.put("tag", List.of(mention));
        String document = json.writeValueAsString(note);
        jdbc.sql("""
                INSERT INTO activitypub_note (id, account, idempotency_key, document, published_at)
                VALUES (:id, :account, :key, :document, :published) ON CONFLICT DO NOTHING
                """)
                .param("id", id)
                .param("account", account)
                .param("key", message.idempotencyKey())
                .param("document", document)
                .param("published", Timestamp.from(published))
                .update();
        return jdbc.sql("SELECT document FROM activitypub_note WHERE idempotency_key = :key")
                .param("key", message.idempotencyKey())
                .query(String.class)
                .single();
    }

    private String create(String account, RemoteActor resident, String note) {
        JsonNode n = json.readTree(note);
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("@context", ActivityPubDocuments.AS_CONTEXT);
        create.put("id", n.get("id").asString() + "/activity");
        create.put("type", "Create");
        create.put("actor", urls.actor(account));
        create.put("published", n.get("published").asString());
        create.put("to", List.of(resident.id()));
        create.put("cc", List.of(urls.followers(account)));
        create.put("object", n);
        return json.writeValueAsString(create);
    }
}
