package org.civicloop.channels.activitypub;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Where the city's actors live: {@code BASE/users/NAME} (actor), {@code …/inbox}, {@code …/outbox},
 * {@code …/followers}, {@code …/notes/ID}, {@code BASE/inbox} (shared inbox), and the host of their
 * {@code acct:} handles. The base is {@code https://DOMAIN} when a domain is set, else the public URL.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubUrls {

    private final String base;
    private final String host;

    ActivityPubUrls(ActivityPubSettings settings, @Value("${civicloop.replies.public-url:}") String publicUrl) {
        String configured = settings.domain() == null ? "" : settings.domain().strip();
        String b;
        if (!configured.isEmpty()) b = configured.contains("://") ? configured : "https://" + configured;
        else if (publicUrl != null && !publicUrl.isBlank()) b = publicUrl.strip();
        else
            throw new IllegalStateException(
                    "civicloop.channels.activitypub.domain or civicloop.replies.public-url is required");
        b = b.replaceAll("/+$", "");
        URI uri = URI.create(b);
        if (uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalStateException("not an http(s) base for ActivityPub: " + b);
        }
        this.base = b;
        this.host = uri.getAuthority().toLowerCase(Locale.ROOT);
    }

    String base() {
        return base;
    }

    /** The host part of {@code acct:NAME@HOST} (with the port when there is one). */
    String host() {
        return host;
    }

    String actor(String account) {
        return base + "/users/" + account;
    }

    String keyId(String account) {
        return actor(account) + "#main-key";
    }

    String inbox(String account) {
        return actor(account) + "/inbox";
    }

    String outbox(String account) {
        return actor(account) + "/outbox";
    }

    String followers(String account) {
        return actor(account) + "/followers";
    }

    String sharedInbox() {
        return base + "/inbox";
    }

    String note(String account, String id) {
        return actor(account) + "/notes/" + id;
    }

    /** The account whose actor this IRI is ({@code BASE/users/NAME}), if it is one of ours. */
    Optional<String> accountOfActor(String iri) {
        if (iri == null) return Optional.empty();
        String prefix = base + "/users/";
        if (!iri.startsWith(prefix)) return Optional.empty();
        String rest = iri.substring(prefix.length());
        return rest.isEmpty() || rest.contains("/") || rest.contains("#") ? Optional.empty() : Optional.of(rest);
    }

    /** The account that published this note IRI ({@code BASE/users/NAME/notes/ID}), if it is one of ours. */
    Optional<String> accountOfNote(String iri) {
        if (iri == null) return Optional.empty();
        String prefix = base + "/users/";
        if (!iri.startsWith(prefix)) return Optional.empty();
        String[] parts = iri.substring(prefix.length()).split("/");
        return parts.length == 3 && parts[1].equals("notes") ? Optional.of(parts[0]) : Optional.empty();
    }
}
