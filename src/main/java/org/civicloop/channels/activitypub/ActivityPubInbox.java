package org.civicloop.channels.activitypub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicloop.channels.activitypub.ActivityStreams.AsObject;
import org.civicloop.channels.activitypub.ActivityStreams.Iri;
import org.civicloop.channels.activitypub.ActivityStreams.Link;
import org.civicloop.channels.activitypub.ActivityStreams.Node;
import org.civicloop.channels.activitypub.RemoteActors.RemoteActor;
import org.civicloop.channels.mastodon.PlainText;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a verified activity (its actor proven by the signature) means for the city:
 * {@code Create(Note)} addressed to, mentioning or answering a city account → a message;
 * {@code Update(Note)} → an edit; {@code Delete} (the note's id or a Tombstone) → a retraction, (the
 * actor itself) → its follows end; {@code Follow} of a city account → a follower and a queued
 * {@code Accept}; {@code Undo(Follow)} → the follower removed. Anything else is accepted and ignored.
 *
 * <p>An object must live on its actor's host (a server may only speak for its own notes), and a
 * note edited or deleted must be one that actor wrote.
 */
@Service
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubInbox {

    private static final Logger log = LoggerFactory.getLogger(ActivityPubInbox.class);

    enum Outcome {
        STORED,
        EDITED,
        RETRACTED,
        FOLLOWED,
        UNFOLLOWED,
        IGNORED
    }

    record Result(Outcome outcome, String detail) {}

    /** The activity is understood but not acceptable (400). */
    static final class RejectedException extends RuntimeException {
        RejectedException(String message) {
            super(message);
        }
    }

    private final MessageManagement messages;
    private final ActivityPubSettings settings;
    private final ActivityPubUrls urls;
    private final Deliveries deliveries;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ActivityPubInbox(
            MessageManagement messages,
            ActivityPubSettings settings,
            ActivityPubUrls urls,
            Deliveries deliveries,
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock) {
        this.messages = messages;
        this.settings = settings;
        this.urls = urls;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    Result handle(AsObject activity, RemoteActor actor) {
        if (activity.is("Create")) return create(activity, actor);
        if (activity.is("Update")) return update(activity, actor);
        if (activity.is("Delete")) return delete(activity, actor);
        if (activity.is("Follow")) return follow(activity, actor);
        if (activity.is("Undo")) return undo(activity, actor);
        return ignored("activity type " + activity.types() + " is not handled");
    }

    private Result ignored(String why) {
        log.info("ActivityPub activity accepted and ignored: {}", why);
        return new Result(Outcome.IGNORED, why);
    }

    // --- notes ---

    private Result create(AsObject activity, RemoteActor actor) {
        Optional<AsObject> note = embeddedNote(activity);
        if (note.isEmpty()) return ignored("Create of something other than an embedded Note");
        AsObject n = note.get();
        checkAuthor(n, actor);
        Optional<String> account = addressedAccount(n, activity);
        if (account.isEmpty()) return ignored("note " + n.id() + " is not addressed to a city account");
        Optional<InboundMessage> message = toMessage(n, actor, activity);
        if (message.isEmpty()) return ignored("note " + n.id() + " has no text");
        jdbc.sql("""
                INSERT INTO activitypub_received_note (note_id, account, actor_id, received_at)
                VALUES (:note, :account, :actor, :now) ON CONFLICT (note_id) DO NOTHING
                """)
                .param("note", n.id())
                .param("account", account.get())
                .param("actor", actor.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        var receipt = messages.receive(message.get());
        return new Result(Outcome.STORED, receipt.publicReference());
    }

    private Result update(AsObject activity, RemoteActor actor) {
        Optional<AsObject> note = embeddedNote(activity);
        if (note.isEmpty()) return ignored("Update of something other than an embedded Note");
        AsObject n = note.get();
        checkAuthor(n, actor);
        var existing = messages.findByExternalId(ChannelKind.ACTIVITYPUB, n.id());
        if (existing.isEmpty()) {
            // an edit of a note never seen: a new message only if it is now addressed to the city
            return create(activity, actor);
        }
        if (!actor.handle().equalsIgnoreCase(existing.get().authorHandle()))
            throw new RejectedException("note " + n.id() + " was not written by " + actor.id());
        var message = toMessage(n, actor, activity);
        if (message.isEmpty()) return ignored("edited note " + n.id() + " has no text");
        messages.edit(message.get());
        return new Result(Outcome.EDITED, n.id());
    }

    private Result delete(AsObject activity, RemoteActor actor) {
        String target = firstId(activity.object());
        if (target == null) throw new RejectedException("Delete names no object");
        if (target.equals(actor.id())) {
            int removed = jdbc.sql("DELETE FROM activitypub_follower WHERE actor_id = :actor")
                    .param("actor", actor.id())
                    .update();
            return new Result(Outcome.UNFOLLOWED, "actor deleted; " + removed + " follows ended");
        }
        checkSameHost(target, actor);
        var existing = messages.findByExternalId(ChannelKind.ACTIVITYPUB, target);
        if (existing.isEmpty()) return ignored("Delete of " + target + ", which is not a stored message");
        if (!actor.handle().equalsIgnoreCase(existing.get().authorHandle()))
            throw new RejectedException("note " + target + " was not written by " + actor.id());
        messages.retract(ChannelKind.ACTIVITYPUB, target, "deleted by the author");
        return new Result(Outcome.RETRACTED, target);
    }

    // --- follows ---

    private Result follow(AsObject activity, RemoteActor actor) {
        Optional<String> account = Optional.ofNullable(firstId(activity.object()))
                .flatMap(urls::accountOfActor)
                .filter(settings.accounts()::contains);
        if (account.isEmpty()) return ignored("Follow of someone who is not a city account");
        if (actor.inbox() == null) throw new RejectedException("actor " + actor.id() + " has no inbox");
        jdbc.sql("""
                INSERT INTO activitypub_follower (account, actor_id, inbox, follow_id, followed_at)
                VALUES (:account, :actor, :inbox, :follow, :now)
                ON CONFLICT (account, actor_id) DO UPDATE SET inbox = EXCLUDED.inbox, follow_id = EXCLUDED.follow_id
                """)
                .param("account", account.get())
                .param("actor", actor.id())
                .param("inbox", actor.inbox())
                .param("follow", activity.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        String reference = activity.id() != null ? activity.id() : actor.id() + " " + account.get();
        var accept = new LinkedHashMap<String, Object>();
        accept.put("@context", ActivityPubDocuments.AS_CONTEXT);
        accept.put("id", urls.actor(account.get()) + "#accepts/follows/" + hash(reference));
        accept.put("type", "Accept");
        accept.put("actor", urls.actor(account.get()));
        accept.put("object", activity.raw());
        deliveries.enqueue(account.get(), "accept", reference, actor.inbox(), json.writeValueAsString(accept));
        return new Result(Outcome.FOLLOWED, account.get());
    }

    private Result undo(AsObject activity, RemoteActor actor) {
        Node object = activity.object().isEmpty() ? null : activity.object().get(0);
        if (object instanceof AsObject undone) {
            if (!undone.is("Follow")) return ignored("Undo of " + undone.types());
            String followed = firstId(undone.object());
            Optional<String> account = Optional.ofNullable(followed).flatMap(urls::accountOfActor);
            if (account.isEmpty()) return ignored("Undo of a Follow of someone who is not a city account");
            int removed = jdbc.sql("DELETE FROM activitypub_follower WHERE account = :account AND actor_id = :actor")
                    .param("account", account.get())
                    .param("actor", actor.id())
                    .update();
            return removed > 0 ? new Result(Outcome.UNFOLLOWED, account.get()) : ignored("Undo of an unknown Follow");
        }
        if (object instanceof Iri iri) {
            int removed = jdbc.sql("DELETE FROM activitypub_follower WHERE actor_id = :actor AND follow_id = :follow")
                    .param("actor", actor.id())
                    .param("follow", iri.value())
                    .update();
            return removed > 0 ? new Result(Outcome.UNFOLLOWED, iri.value()) : ignored("Undo of " + iri.value());
        }
        return ignored("Undo without an object");
    }

    // --- helpers ---

    private static Optional<AsObject> embeddedNote(AsObject activity) {
        if (activity.object().isEmpty()) throw new RejectedException(activity.types() + " without an object");
        return activity.object().get(0) instanceof AsObject o && o.is("Note") ? Optional.of(o) : Optional.empty();
    }

    private void checkAuthor(AsObject note, RemoteActor actor) {
        if (note.id() == null) throw new RejectedException("the Note has no id");
        checkSameHost(note.id(), actor);
        if (!note.attributedTo().isEmpty() && !ids(note.attributedTo()).contains(actor.id()))
            throw new RejectedException("note " + note.id() + " is attributed to someone other than " + actor.id());
    }

    private static void checkSameHost(String id, RemoteActor actor) {
        URI object;
        try {
            object = URI.create(id);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("not an IRI: " + id);
        }
        if (object.getHost() == null || !RemoteActors.sameHost(object, URI.create(actor.id())))
            throw new RejectedException(id + " is not on the host of " + actor.id());
    }

    /** The city account a note is for: addressed (to/cc, also of the activity), mentioned, or answered. */
    private Optional<String> addressedAccount(AsObject note, AsObject activity) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.addAll(ids(note.to()));
        candidates.addAll(ids(note.cc()));
        candidates.addAll(ids(activity.to()));
        candidates.addAll(ids(activity.cc()));
        for (Node tag : note.tag()) {
            if (tag instanceof Link link && link.is("Mention") && link.href() != null) candidates.add(link.href());
        }
        for (String c : candidates) {
            var account = urls.accountOfActor(c).filter(settings.accounts()::contains);
            if (account.isPresent()) return account;
        }
        for (String parent : ids(note.inReplyTo())) {
            var account = urls.accountOfNote(parent).filter(settings.accounts()::contains);
            if (account.isPresent()) return account;
        }
        return Optional.empty();
    }

    private Optional<InboundMessage> toMessage(AsObject note, RemoteActor actor, AsObject activity) {
        String language =
                note.content().byLanguage().keySet().stream().findFirst().orElse(null);
        String html = note.content().best(language);
        String text = PlainText.of(html);
        if (text.isBlank() && note.name().value() != null)
            text = note.name().value().strip();
        List<Map<String, String>> attachments = attachments(note.raw());
        if (text.isBlank()) {
            if (attachments.isEmpty()) return Optional.empty();
            text = "[" + attachments.size() + (attachments.size() == 1 ? " attachment" : " attachments")
                    + ", not downloaded]";
        }
        String url = null;
        for (Node u : note.url()) {
            if (u instanceof Iri iri) url = iri.value();
            else if (u instanceof Link link && link.href() != null) url = link.href();
            if (url != null) break;
        }
        List<String> parents = ids(note.inReplyTo());
        var raw = new LinkedHashMap<String, Object>();
        raw.put("activity", activity.raw());
        raw.put("attachments", attachments);
        var message = new InboundMessage(
                ChannelKind.ACTIVITYPUB,
                note.id(),
                actor.handle(),
                actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.preferredUsername(),
                text,
                language != null && language.length() <= 35 ? language : null,
                note.published() != null ? note.published() : clock.instant(),
                parents.isEmpty() ? null : parents.get(0),
                url != null ? url : note.id(),
                null,
                null,
                null,
                List.of(),
                json.writeValueAsString(raw));
        return Optional.of(parents.isEmpty() ? message : message.inThreadOf(parents));
    }

    /** The attachments' URLs and media types: noted, never fetched. */
    private static List<Map<String, String>> attachments(JsonNode note) {
        List<Map<String, String>> out = new ArrayList<>();
        JsonNode list = note.get("attachment");
        if (list == null) return out;
        for (JsonNode a : list.isArray() ? list : List.of(list)) {
            String url = null;
            JsonNode u = a.get("url");
            if (u != null && u.isString()) url = u.asString();
            else if (u != null && u.isObject() && u.get("href") != null)
                url = u.get("href").asString();
            else if (u != null && u.isArray() && !u.isEmpty()) {
                JsonNode first = u.get(0);
                url = first.isString()
                        ? first.asString()
                        : first.get("href") == null ? null : first.get("href").asString();
            }
            if (url == null) continue;
            var m = new LinkedHashMap<String, String>();
            m.put("url", url);
            if (a.get("mediaType") != null && a.get("mediaType").isString())
                m.put("mediaType", a.get("mediaType").asString());
            out.add(m);
            if (out.size() >= 20) break;
        }
        return out;
    }

    static List<String> ids(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof Iri iri) out.add(iri.value());
            else if (n instanceof AsObject o && o.id() != null) out.add(o.id());
            else if (n instanceof Link l && l.href() != null) out.add(l.href());
        }
        return out;
    }

    static String firstId(List<Node> nodes) {
        var all = ids(nodes);
        return all.isEmpty() ? null : all.get(0);
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
