package org.civicloop.channels.activitypub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * What the city's accounts publish about themselves: the WebFinger answer (JRD), the actor document
 * with its public key, the followers, following and outbox collections, and the notes it sent.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubDocuments {

    static final String AS_CONTEXT = "https://www.w3.org/ns/activitystreams";
    static final String SECURITY_CONTEXT = "https://w3id.org/security/v1";
    static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final Pattern ACCT = Pattern.compile("^([A-Za-z0-9_.~-]+)@([A-Za-z0-9.-]+(?::[0-9]{1,5})?)$");

    /** The {@code resource} of a WebFinger query is not an {@code acct:} URI or an actor URL. */
    static final class MalformedResourceException extends IllegalArgumentException {
        MalformedResourceException(String message) {
            super(message);
        }
    }

    private final ActivityPubSettings settings;
    private final ActivityPubUrls urls;
    private final ActorKeys keys;
    private final JdbcClient jdbc;

    ActivityPubDocuments(ActivityPubSettings settings, ActivityPubUrls urls, ActorKeys keys, JdbcClient jdbc) {
        this.settings = settings;
        this.urls = urls;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    boolean isAccount(String name) {
        return name != null && settings.accounts().contains(name);
    }

    /**
     * The account a WebFinger {@code resource} names: {@code acct:NAME@HOST} (HOST must be ours) or
     * the actor's URL. Empty for somebody else; throws for a malformed resource.
     */
    Optional<String> accountOf(String resource) {
        if (resource == null || resource.isBlank()) throw new MalformedResourceException("resource is required");
        String r = resource.strip();
        if (r.startsWith("https://") || r.startsWith("http://")) {
            return urls.accountOfActor(r).filter(this::isAccount);
        }
        if (r.regionMatches(true, 0, "acct:", 0, 5)) r = r.substring(5);
        if (r.startsWith("@")) r = r.substring(1);
        Matcher m = ACCT.matcher(r);
        if (!m.matches()) throw new MalformedResourceException("resource must be acct:NAME@HOST");
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        if (!host.equals(urls.host())) return Optional.empty();
        return isAccount(name) ? Optional.of(name) : Optional.empty();
    }

    Map<String, Object> webfinger(String account) {
        var jrd = new LinkedHashMap<String, Object>();
        jrd.put("subject", "acct:" + account + "@" + urls.host());
        jrd.put("aliases", List.of(urls.actor(account)));
        var self = new LinkedHashMap<String, Object>();
        self.put("rel", "self");
        self.put("type", "application/activity+json");
        self.put("href", urls.actor(account));
        jrd.put("links", List.of(self));
        return jrd;
    }

    Map<String, Object> actor(String account) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("@context", List.of(AS_CONTEXT, SECURITY_CONTEXT));
        doc.put("id", urls.actor(account));
        doc.put("type", "Person");
        doc.put("preferredUsername", account);
        doc.put("name", settings.displayName(account));
        doc.put("summary", "<p>" + HtmlUtils.htmlEscape(settings.summary() == null ? "" : settings.summary()) + "</p>");
        doc.put("url", urls.actor(account));
        doc.put("inbox", urls.inbox(account));
        doc.put("outbox", urls.outbox(account));
        doc.put("followers", urls.followers(account));
        doc.put("following", urls.actor(account) + "/following");
        doc.put("manuallyApprovesFollowers", false);
        doc.put("endpoints", Map.of("sharedInbox", urls.sharedInbox()));
        var key = new LinkedHashMap<String, Object>();
        key.put("id", urls.keyId(account));
        key.put("owner", urls.actor(account));
        key.put("publicKeyPem", keys.publicKeyPem(account));
        doc.put("publicKey", key);
        return doc;
    }

    Map<String, Object> followers(String account) {
        long count = jdbc.sql("SELECT count(*) FROM activitypub_follower WHERE account = :account")
                .param("account", account)
                .query(Long.class)
                .single();
        return collection(urls.followers(account), count);
    }

    Map<String, Object> following(String account) {
        return collection(urls.actor(account) + "/following", 0);
    }

    /** The outbox: how many notes the account published (they are addressed to residents, not listed). */
    Map<String, Object> outbox(String account) {
        long count = jdbc.sql("SELECT count(*) FROM activitypub_note WHERE account = :account")
                .param("account", account)
                .query(Long.class)
                .single();
        return collection(urls.outbox(account), count);
    }

    private static LinkedHashMap<String, Object> collection(String id, long count) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("@context", AS_CONTEXT);
        doc.put("id", id);
        doc.put("type", "OrderedCollection");
        doc.put("totalItems", count);
        return doc;
    }

    /** A note the account published, as JSON, by its id URL. */
    Optional<String> note(String id) {
        return jdbc.sql("SELECT document FROM activitypub_note WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }
}
