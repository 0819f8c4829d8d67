package org.civicloop.channels.activitypub;

import java.io.IOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Remote actors and their keys, fetched from the {@code keyId} of a signature or an actor id, and
 * kept in {@code activitypub_remote_actor} for the key cache TTL. Fetches go through {@link SafeHttp}
 * and are signed with a city account's key (servers in "authorized fetch" mode require that).
 *
 * <p>A {@code keyId} may name the key inside an actor document ({@code …/users/ana#main-key}) or a
 * key document of its own ({@code owner} + {@code publicKeyPem}); in the second case the owner's
 * actor document is fetched and must publish the same key. An actor document must have the id it
 * was fetched by (same host), and its key's owner must be the actor.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class RemoteActors {

    static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /** A remote actor as its actor document describes it. */
    record RemoteActor(
            String id,
            String keyId,
            String publicKeyPem,
            String inbox,
            String sharedInbox,
            String preferredUsername,
            String name,
            String host,
            String url,
            Instant fetchedAt) {

        /** {@code @user@host}, as Mastodon shows it. */
        String handle() {
            String user = preferredUsername;
            if (user == null || user.isBlank()) {
                String path = URI.create(id).getPath();
                user = path == null || path.isEmpty() ? "?" : path.substring(path.lastIndexOf('/') + 1);
            }
            return "@" + user + "@" + host;
        }
    }

    /** The actor or key could not be fetched or does not hold together. */
    static final class RemoteActorException extends Exception {
        RemoteActorException(String message) {
            super(message);
        }

        RemoteActorException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JdbcClient jdbc;
    private final SafeHttp http;
    private final ObjectMapper json;
    private final ActivityPubSettings settings;
    private final Clock clock;
    private final SafeHttp.Signer signer;

    RemoteActors(
            JdbcClient jdbc,
            SafeHttp http,
            ObjectMapper json,
            ActivityPubSettings settings,
            Clock clock,
            Deliveries deliveries) {
        this.jdbc = jdbc;
        this.http = http;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.signer = settings.accounts().isEmpty()
                ? null
                : deliveries.signer(settings.accounts().get(0));
    }

    /** The actor owning {@code keyId}: from the cache unless stale or {@code refresh}, else fetched. */
    RemoteActor byKeyId(String keyId, boolean refresh) throws RemoteActorException {
        if (!refresh) {
            var cached = jdbc.sql("SELECT * FROM activitypub_remote_actor WHERE key_id = :key")
                    .param("key", keyId)
                    .query(RemoteActors::row)
                    .optional();
            if (cached.isPresent() && fresh(cached.get())) return cached.get();
        }
        URI uri = uri(keyId);
        JsonNode doc = fetch(withoutFragment(uri));
        JsonNode key = findKey(doc, keyId);
        RemoteActor actor;
        if (key != null) {
            actor = toActor(doc, uri, key);
        } else if (doc.hasNonNull("owner") && doc.hasNonNull("publicKeyPem")) {
            // a key document of its own: its owner must publish the same key
            String owner = text(doc, "owner");
            URI ownerUri = uri(owner);
            if (!sameHost(ownerUri, uri)) throw new RemoteActorException("key " + keyId + " is owned by another host");
            JsonNode ownerDoc = fetch(ownerUri);
            JsonNode ownerKey = findKey(ownerDoc, keyId);
            if (ownerKey == null) throw new RemoteActorException("actor " + owner + " does not publish key " + keyId);
            actor = toActor(ownerDoc, ownerUri, ownerKey);
        } else {
            throw new RemoteActorException("no key " + keyId + " in the document it names");
        }
        store(actor);
        return actor;
    }

    /** An actor by its id: from the cache unless stale, else fetched. */
    RemoteActor byId(String actorId) throws RemoteActorException {
        var cached = cached(actorId);
        if (cached.isPresent() && fresh(cached.get())) return cached.get();
        URI uri = uri(actorId);
        JsonNode doc = fetch(uri);
        JsonNode key = firstKey(doc);
        if (key == null) throw new RemoteActorException("actor " + actorId + " publishes no key");
        RemoteActor actor = toActor(doc, uri, key);
        store(actor);
        return actor;
    }

    /** A cached actor by id, however old. */
    Optional<RemoteActor> cached(String actorId) {
        return jdbc.sql("SELECT * FROM activitypub_remote_actor WHERE actor_id = :id")
                .param("id", actorId)
                .query(RemoteActors::row)
                .optional();
    }

    /** A cached actor by {@code @user@host}. */
    Optional<RemoteActor> byHandle(String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = h.lastIndexOf('@');
        if (at <= 0) return Optional.empty();
        return jdbc.sql("""
                SELECT * FROM activitypub_remote_actor
                WHERE lower(preferred_username) = lower(:user) AND lower(host) = lower(:host)
                ORDER BY fetched_at DESC LIMIT 1
                """)
                .param("user", h.substring(0, at))
                .param("host", h.substring(at + 1))
                .query(RemoteActors::row)
                .optional();
    }

    private boolean fresh(RemoteActor actor) {
        return actor.fetchedAt().plus(settings.keyCacheTtl()).isAfter(clock.instant());
    }

    private JsonNode fetch(URI uri) throws RemoteActorException {
        SafeHttp.Response response;
        try {
            response = http.get(uri, ACCEPT, signer);
        } catch (SafeHttp.RefusedException e) {
            throw new RemoteActorException("refused to fetch " + uri + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RemoteActorException("cannot fetch " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteActorException("interrupted fetching " + uri, e);
        }
        if (!response.ok()) throw new RemoteActorException(uri + " answered " + response.status());
        try {
            JsonNode doc = json.readTree(response.body());
            if (doc == null || !doc.isObject()) throw new RemoteActorException(uri + " is not a JSON object");
            return doc;
        } catch (JacksonException e) {
            throw new RemoteActorException(uri + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private RemoteActor toActor(JsonNode doc, URI fetched, JsonNode key) throws RemoteActorException {
        String id = text(doc, "id");
        if (id == null) throw new RemoteActorException("actor document " + fetched + " has no id");
        URI idUri = uri(id);
        if (!sameHost(idUri, fetched)) throw new RemoteActorException("actor " + id + " served by another host");
        String owner = text(key, "owner");
        if (owner != null && !owner.equals(id))
            throw new RemoteActorException("key " + text(key, "id") + " is owned by " + owner + ", not " + id);
        String pem = text(key, "publicKeyPem");
        try {
            HttpSignatures.publicKey(pem);
        } catch (RuntimeException e) {
            throw new RemoteActorException("actor " + id + " publishes an unreadable key: " + e.getMessage());
        }
        JsonNode endpoints = doc.get("endpoints");
        String url = doc.get("url") != null && doc.get("url").isString()
                ? doc.get("url").asString()
                : null;
        return new RemoteActor(
                id,
                text(key, "id"),
                pem,
                text(doc, "inbox"),
                endpoints != null && endpoints.isObject() ? text(endpoints, "sharedInbox") : null,
                text(doc, "preferredUsername"),
                text(doc, "name"),
                idUri.getRawAuthority().toLowerCase(Locale.ROOT),
                url,
                clock.instant());
    }

    private static JsonNode findKey(JsonNode doc, String keyId) {
        JsonNode keys = doc.get("publicKey");
        if (keys == null) return null;
        for (JsonNode key : keys.isArray() ? keys : java.util.List.of(keys)) {
            if (key.isObject() && keyId.equals(text(key, "id")) && key.hasNonNull("publicKeyPem")) return key;
        }
        return null;
    }

    private static JsonNode firstKey(JsonNode doc) {
        JsonNode keys = doc.get("publicKey");
        if (keys == null) return null;
        for (JsonNode key : keys.isArray() ? keys : java.util.List.of(keys)) {
            if (key.isObject() && key.hasNonNull("id") && key.hasNonNull("publicKeyPem")) return key;
        }
        return null;
    }

    private void store(RemoteActor a) {
        // a key moved to another actor (or an actor changed key): the newest document wins
        jdbc.sql("DELETE FROM activitypub_remote_actor WHERE key_id = :key AND actor_id <> :id")
                .param("key", a.keyId())
                .param("id", a.id())
                .update();
        jdbc.sql("""
                INSERT INTO activitypub_remote_actor (actor_id, key_id, public_key_pem, inbox, shared_inbox,
                    preferred_username, name, host, url, fetched_at)
                VALUES (:id, :key, :pem, :inbox, :shared, :user, :name, :host, :url, :at)
                ON CONFLICT (actor_id) DO UPDATE SET key_id = EXCLUDED.key_id, public_key_pem = EXCLUDED.public_key_pem,
                    inbox = EXCLUDED.inbox, shared_inbox = EXCLUDED.shared_inbox,
                    preferred_username = EXCLUDED.preferred_username, name = EXCLUDED.name, host = EXCLUDED.host,
                    url = EXCLUDED.url, fetched_at = EXCLUDED.fetched_at
                """)
                .param("id", a.id())
                .param("key", a.keyId())
                .param("pem", a.publicKeyPem())
                .param("inbox", a.inbox())
                .param("shared", a.sharedInbox())
                .param("user", a.preferredUsername())
                .param("name", a.name())
                .param("host", a.host())
                .param("url", a.url())
                .param("at", Timestamp.from(a.fetchedAt()))
                .update();
    }

    private static RemoteActor row(ResultSet rs, int i) throws SQLException {
        return new RemoteActor(
                rs.getString("actor_id"),
                rs.getString("key_id"),
                rs.getString("public_key_pem"),
                rs.getString("inbox"),
                rs.getString("shared_inbox"),
                rs.getString("preferred_username"),
                rs.getString("name"),
                rs.getString("host"),
                rs.getString("url"),
                rs.getTimestamp("fetched_at").toInstant());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    static URI uri(String value) throws RemoteActorException {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getRawAuthority() == null)
                throw new RemoteActorException("not an absolute URL: " + value);
            return uri;
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new RemoteActorException("not a URL: " + value);
        }
    }

    private static URI withoutFragment(URI uri) {
        return URI.create(uri.toString().replaceFirst("#.*$", ""));
    }

    static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }
}
