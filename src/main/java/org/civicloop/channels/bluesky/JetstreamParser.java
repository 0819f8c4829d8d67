package org.civicloop.channels.bluesky;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads Jetstream v1 events (JSON): {@code commit} (create, update, delete on a collection),
 * {@code identity} and {@code account}. Only creates of {@code app.bsky.feed.post} become
 * messages, deletes of posts retract them; everything else is ignored. Nothing from the network is
 * trusted: every identifier and the record are checked, and a broken event is reported as
 * {@link JetstreamEvent.Invalid}, never thrown.
 */
final class JetstreamParser {

    static final int MAX_EVENT_CHARS = 512 * 1024;
    private static final int MAX_TEXT_BYTES = 3000;
    private static final int MAX_HANDLES = 10_000;
    private static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,6}$");

    private final ObjectMapper json;
    /** Handles announced by identity events, so that messages show them instead of the DID. */
    private final Map<String, String> handles = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_HANDLES;
        }
    };

    JetstreamParser(ObjectMapper json) {
        this.json = json;
    }

    JetstreamEvent parse(String event) {
        if (event == null || event.isBlank()) return new JetstreamEvent.Invalid("empty event", -1);
        if (event.length() > MAX_EVENT_CHARS) return new JetstreamEvent.Invalid("event too large", -1);
        JsonNode root;
        try {
            root = json.readTree(event);
        } catch (JacksonException e) {
            return new JetstreamEvent.Invalid("not JSON", -1);
        }
        if (root == null || !root.isObject()) return new JetstreamEvent.Invalid("not a JSON object", -1);
        JsonNode time = root.path("time_us");
        long timeUs = time.isIntegralNumber() && time.canConvertToLong() ? time.asLong() : -1;
        if (timeUs <= 0) return new JetstreamEvent.Invalid("no time_us", -1);
        String did = str(root.path("did"));
        if (!AtprotoSyntax.isDid(did)) return new JetstreamEvent.Invalid("bad did", timeUs);
        String kind = str(root.path("kind"));
        if (kind == null) return new JetstreamEvent.Invalid("no kind", timeUs);
        return switch (kind) {
            case "commit" -> commit(root, did, timeUs, event);
            case "identity" -> identity(root.path("identity"), did, timeUs);
            case "account" -> new JetstreamEvent.Ignored("account", timeUs);
            default -> new JetstreamEvent.Ignored("kind " + kind, timeUs);
        };
    }

    private JetstreamEvent identity(JsonNode identity, String did, long timeUs) {
        String handle = str(identity.path("handle"));
        if (handle != null && AtprotoSyntax.isHandle(handle) && did.equals(str(identity.path("did")))) {
            synchronized (handles) {
                handles.put(did, handle.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new JetstreamEvent.Ignored("identity", timeUs);
    }

    private JetstreamEvent commit(JsonNode root, String did, long timeUs, String raw) {
        JsonNode commit = root.path("commit");
        if (!commit.isObject()) return new JetstreamEvent.Invalid("no commit", timeUs);
        String operation = str(commit.path("operation"));
        String collection = str(commit.path("collection"));
        String rkey = str(commit.path("rkey"));
        if (operation == null || !AtprotoSyntax.isNsid(collection)) {
            return new JetstreamEvent.Invalid("bad commit", timeUs);
        }
        if (!BlueskySettings.POST.equals(collection)) return new JetstreamEvent.Ignored(collection, timeUs);
        if (!AtprotoSyntax.isRecordKey(rkey)) return new JetstreamEvent.Invalid("bad rkey", timeUs);
        String uri = AtprotoSyntax.postUri(did, rkey);
        if (!AtprotoSyntax.isAtUri(uri)) return new JetstreamEvent.Invalid("bad at-uri", timeUs);
        return switch (operation) {
            case "create" -> post(root, commit, did, rkey, uri, timeUs, raw);
            case "delete" -> new JetstreamEvent.Deletion(uri, timeUs);
            case "update" -> new JetstreamEvent.Ignored("post update", timeUs);
            default -> new JetstreamEvent.Invalid("bad operation", timeUs);
        };
    }

    private JetstreamEvent post(
            JsonNode root, JsonNode commit, String did, String rkey, String uri, long timeUs, String raw) {
        JsonNode record = commit.path("record");
        if (!record.isObject()) return new JetstreamEvent.Invalid("no record", timeUs);
        String type = str(record.path("$type"));
        if (type != null && !BlueskySettings.POST.equals(type)) return new JetstreamEvent.Invalid("bad $type", timeUs);
        if (!AtprotoSyntax.isCid(str(commit.path("cid")))) return new JetstreamEvent.Invalid("bad cid", timeUs);
        String text = str(record.path("text"));
        if (text == null) return new JetstreamEvent.Invalid("no text", timeUs);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            return new JetstreamEvent.Invalid("text too long", timeUs);
        }
        if (text.indexOf('\u0000') >= 0 || raw.contains("\\u0000")) {
            return new JetstreamEvent.Invalid("NUL character", timeUs);
        }
        String replyTo = null;
        JsonNode reply = record.path("reply");
        if (!reply.isMissingNode() && !reply.isNull()) {
            replyTo = str(reply.path("parent").path("uri"));
            String rootUri = str(reply.path("root").path("uri"));
            if (!AtprotoSyntax.isAtUri(replyTo) || !AtprotoSyntax.isAtUri(rootUri)) {
                return new JetstreamEvent.Invalid("bad reply reference", timeUs);
            }
        }
        JsonNode facets = record.path("facets");
        if (!facets.isMissingNode() && !facets.isArray()) return new JetstreamEvent.Invalid("bad facets", timeUs);
        if (text.isBlank()) return new JetstreamEvent.Ignored("post without text", timeUs);

        OffsetDateTime created = AtprotoSyntax.parseDatetime(str(record.path("createdAt")));
        Instant postedAt = created != null
                ? created.toInstant()
                : Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1_000);
        String language = null;
        JsonNode langs = record.path("langs");
        if (langs.isArray() && !langs.isEmpty()) {
            String first = str(langs.get(0));
            if (first != null && LANGUAGE.matcher(first).matches()) language = first;
        }
        String handle;
        synchronized (handles) {
            handle = handles.getOrDefault(did, did);
        }
        var message = new InboundMessage(
                ChannelKind.BLUESKY,
                uri,
                handle,
                null,
                text,
                language,
                postedAt,
                replyTo,
                AtprotoSyntax.postUrl(did, rkey),
                null,
                null,
                null,
                List.of(),
                raw);
        return new JetstreamEvent.Post(message, record, timeUs);
    }

    static String str(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
