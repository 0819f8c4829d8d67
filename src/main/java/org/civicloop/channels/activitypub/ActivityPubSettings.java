package org.civicloop.channels.activitypub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code civicloop.channels.activitypub.*}: the city's own ActivityPub accounts, served by CivicLoop.
 *
 * @param enabled whether WebFinger, the actors, their inboxes and the reply sender exist (off by default)
 * @param domain the public host the accounts live on ({@code city.example}: actors are
 *     {@code https://city.example/users/NAME}); empty: the host of {@code civicloop.replies.public-url}.
 *     It must be the public HTTPS host: remote servers fetch every actor, key and note from it
 * @param accounts the city's account names ({@code riverton} is {@code @riverton@DOMAIN})
 * @param names display names by account ({@code names.riverton=City of Riverton}); default: the account name
 * @param summary the profile text of every account
 * @param allowPrivateAddresses whether keys may be fetched from, and deliveries sent to, private,
 *     loopback or link-local addresses (only for tests and closed networks)
 * @param connectTimeout how long to wait for a connection to a remote server
 * @param requestTimeout how long to wait for a remote server's answer
 * @param maxResponseSize the largest remote document (actor, key) read
 * @param maxInboxSize the largest activity accepted by an inbox (larger: 413)
 * @param keyCacheTtl how long a remote actor's key is used before it is fetched again
 * @param signatureSkew how far a signed request's {@code Date} may be from now
 */
@ConfigurationProperties("civicloop.channels.activitypub")
public record ActivityPubSettings(
        @DefaultValue("false") boolean enabled,
        String domain,
        @DefaultValue("") List<String> accounts,
        Map<String, String> names,

        @DefaultValue("Official account of the city. Mention it to report a problem or ask a question.")
        String summary,

        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("1MB") DataSize maxResponseSize,
        @DefaultValue("256KB") DataSize maxInboxSize,
        @DefaultValue("1h") Duration keyCacheTtl,
        @DefaultValue("12h") Duration signatureSkew) {

    public ActivityPubSettings {
        accounts = accounts == null
                ? List.of()
                : accounts.stream()
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .map(a -> a.startsWith("@") ? a.substring(1) : a)
                        .distinct()
                        .toList();
        for (String account : accounts) {
            if (!account.matches("[a-z0-9_]{1,30}")) {
                throw new IllegalArgumentException("civicloop.channels.activitypub.accounts: '" + account
                        + "' is not an account name (lower-case letters, digits and _, at most 30)");
            }
        }
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    String displayName(String account) {
        String name = names.get(account);
        return name == null || name.isBlank() ? account : name;
    }
}
