package org.civicloop.channels.mastodon;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A Mastodon status (client API JSON) as a resident message.
 *
 * <ul>
 *   <li>external id: the status's id on the city's server qualified by that server
 *       ({@code city.social/109348677773283527}): stable, unique, and what {@code delete} events
 *       and {@code in_reply_to_id} carry, so no id→URI table is needed. The federated URI stays
 *       in the raw payload;
 *   <li>author: {@code @acct}, qualified with the domain for local accounts;
 *   <li>text: the content as plain text, the content warning first;
 *   <li>boosts ({@code reblog} set) are not taken in: boosting is not writing to the city, and the
 *       boosted status arrives on its own when it mentions the city or carries a followed tag.
 * </ul>
 *
 * Anything malformed (not JSON, no id, no account, no date, nothing to read) is skipped and logged.
 */
final class StatusMapper {

    private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ACCT = Pattern.compile("[\\p{L}\\p{N}_.-]{1,100}(@[\\p{L}\\p{N}.:-]{1,253})?");

    private final ObjectMapper json;
    private final String instance;

    StatusMapper(ObjectMapper json, String instance) {
        this.json = json;
        this.instance = instance;
    }

    /** What the connector needs to know besides the message: who is mentioned, which tags. */
    record Status(String id, String authorAcct, Set<String> mentions, Set<String> tags, InboundMessage message) {}

    Optional<Status> read(String payload) {
        if (payload == null || payload.isBlank()) return Optional.empty();
        try {
            return map(json.readTree(payload));
        } catch (JacksonException e) {
            log.warn("Skipped a Mastodon status that is not JSON: {}", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    Optional<Status> map(JsonNode status) {
        if (status == null || !status.isObject()) return skip("not an object", null);
        String id = text(status, "id");
        if (id == null || !ID.matcher(id).matches()) return skip("no valid id", id);
        if (status.path("reblog").isObject()) return skip("a boost", id);
        JsonNode account = status.path("account");
        String acct = text(account, "acct");
        if (!account.isObject() || acct == null || !ACCT.matcher(acct).matches()) return skip("no account", id);
        Instant postedAt;
        try {
            postedAt = Instant.parse(String.valueOf(text(status, "created_at")));
        } catch (DateTimeParseException e) {
            return skip("no valid created_at", id);
        }
        String handle = "@" + (acct.contains("@") ? acct : acct + "@" + localDomain(account));
        String name = text(account, "display_name");
        if (name == null || name.isBlank()) name = text(account, "username");

        var media = new ArrayList<String>();
        for (JsonNode attachment : status.path("media_attachments")) {
            String description = text(attachment, "description");
            if (description != null && !description.isBlank()) media.add(description.strip());
        }
        String body = PlainText.of(text(status, "content"));
        if (body.isBlank() && status.path("media_attachments").size() > 0) {
            body = media.isEmpty()
                    ? "[" + status.path("media_attachments").size() + " attachment(s)]"
                    : String.join("\n", media);
        }
        String spoiler = text(status, "spoiler_text");
        if (spoiler != null && !spoiler.isBlank()) body = spoiler.strip() + "\n\n" + body;
        body = body.strip();
        if (body.isEmpty()) return skip("no text", id);

        String replyTo = text(status, "in_reply_to_id");
        String language = text(status, "language");
        String url = text(status, "url");
        if (url == null || !url.startsWith("http")) url = text(status, "uri");
        if (url != null && !url.startsWith("http")) url = null;

        var message = new InboundMessage(
                ChannelKind.MASTODON,
                externalId(id),
                handle,
                name,
                body,
                language != null && language.length() <= 35 ? language : null,
                postedAt,
                replyTo != null && ID.matcher(replyTo).matches() ? externalId(replyTo) : null,
                url,
                null,
                null,
                null,
                List.of(),
                status.toString());
        return Optional.of(new Status(id, acct.toLowerCase(Locale.ROOT), mentions(status), tags(status), message));
    }

    /** The external id of a status of the city's server. */
    String externalId(String statusId) {
        return instance + "/" + statusId;
    }

    private String localDomain(JsonNode account) {
        try {
            String url = text(account, "url");
            if (url != null) {
                String host = URI.create(url).getHost();
                if (host != null) return host.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // fall back to the server's own name
        }
        return instance;
    }

    private static Set<String> mentions(JsonNode status) {
        var accts = new LinkedHashSet<String>();
        for (JsonNode mention : status.path("mentions")) {
            String acct = text(mention, "acct");
            if (acct != null) accts.add(acct.toLowerCase(Locale.ROOT));
        }
        return accts;
    }

    private static Set<String> tags(JsonNode status) {
        var tags = new LinkedHashSet<String>();
        for (JsonNode tag : status.path("tags")) {
            String name = text(tag, "name");
            if (name != null) tags.add(name.toLowerCase(Locale.ROOT));
        }
        return tags;
    }

    static String text(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode value = node.path(field);
        if (value.isString()) return value.stringValue();
        if (value.isNumber()) return value.asString();
        return null;
    }

    private static Optional<Status> skip(String why, String id) {
        log.warn("Skipped a Mastodon status ({}): id {}", why, id);
        return Optional.empty();
    }
}
