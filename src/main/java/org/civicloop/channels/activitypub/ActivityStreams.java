package org.civicloop.channels.activitypub;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses ActivityStreams 2.0 documents (the JSON form ActivityPub servers exchange) into a small model,
 * refusing documents that break the rules of the AS2 Core and Vocabulary specifications with an
 * {@link ActivityStreamsException} that names the offending property.
 *
 * <p>Rules enforced (all general, none per document): UTF-8 only; the top level is a JSON object; an
 * {@code @context}, when present, refers to the ActivityStreams context; {@code id} and {@code type}
 * are strings; natural-language properties ({@code name}, {@code summary}, {@code content}) are
 * strings and their {@code *Map} forms map well-formed BCP 47 language tags to strings; object-valued
 * properties hold absolute IRIs, objects or arrays of them (never numbers or booleans); ordered and
 * unordered collections use {@code orderedItems} and {@code items} respectively; a collection's
 * {@code first}/{@code last}/{@code current} page is a page or a link, not some other AS2 type.
 *
 * <p>One leniency: raw control characters (e.g. newlines) inside JSON strings are accepted, as
 * several real servers (and the W3C examples) emit them.
 */
final class ActivityStreams {

    static final Set<String> AS2_CONTEXTS = Set.of(
            "https://www.w3.org/ns/activitystreams",
            "http://www.w3.org/ns/activitystreams",
            "https://www.w3.org/ns/activitystreams#",
            "http://www.w3.org/ns/activitystreams#");

    private static final String AS2_PREFIX = "https://www.w3.org/ns/activitystreams#";

    /** Properties whose values are objects, links or IRIs (AS2 Vocabulary §4). */
    static final Set<String> OBJECT_PROPERTIES = Set.of(
            "actor",
            "object",
            "target",
            "result",
            "origin",
            "instrument",
            "attachment",
            "attributedTo",
            "audience",
            "context",
            "generator",
            "icon",
            "image",
            "inReplyTo",
            "location",
            "preview",
            "replies",
            "tag",
            "url",
            "to",
            "bto",
            "cc",
            "bcc",
            "anyOf",
            "oneOf",
            "first",
            "last",
            "current",
            "next",
            "prev",
            "partOf",
            "items",
            "orderedItems",
            "subject",
            "describes",
            "relationship",
            "href");

    /** Object-valued properties whose string values may also be vocabulary terms (e.g. {@code IsContact}). */
    private static final Set<String> TERM_PROPERTIES = Set.of("relationship");

    private static final Set<String> TEXT_PROPERTIES = Set.of("name", "summary", "content");

    private static final Set<String> PAGE_PROPERTIES = Set.of("first", "last", "current");

    private static final Set<String> COLLECTION_TYPES =
            Set.of("Collection", "OrderedCollection", "CollectionPage", "OrderedCollectionPage");

    private static final Set<String> PAGE_OR_LINK_TYPES = Set.of("CollectionPage", "OrderedCollectionPage", "Link");

    /** Link types: an embedded node of one of these is a {@link Link}. */
    private static final Set<String> LINK_TYPES = Set.of("Link", "Mention", "Hashtag");

    /** Every type defined by the AS2 Vocabulary. */
    static final Set<String> AS2_TYPES = Set.of(
            "Object",
            "Link",
            "Activity",
            "IntransitiveActivity",
            "Collection",
            "OrderedCollection",
            "CollectionPage",
            "OrderedCollectionPage",
            "Accept",
            "Add",
            "Announce",
            "Arrive",
            "Block",
            "Create",
            "Delete",
            "Dislike",
            "Flag",
            "Follow",
            "Ignore",
            "Invite",
            "Join",
            "Leave",
            "Like",
            "Listen",
            "Move",
            "Offer",
            "Question",
            "Reject",
            "Read",
            "Remove",
            "TentativeReject",
            "TentativeAccept",
            "Travel",
            "Undo",
            "Update",
            "View",
            "Application",
            "Group",
            "Organization",
            "Person",
            "Service",
            "Article",
            "Audio",
            "Document",
            "Event",
            "Image",
            "Note",
            "Page",
            "Place",
            "Profile",
            "Relationship",
            "Tombstone",
            "Video",
            "Mention");

    private static final Pattern ABSOLUTE_IRI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>\"{}|\\\\^`]+$");

    private final JsonMapper json = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    /** A value of an object-valued property: an IRI reference, an embedded object or a link. */
    sealed interface Node permits Iri, AsObject, Link {}

    /** A bare absolute IRI naming an object held elsewhere. */
    record Iri(String value) implements Node {}

    /** Plain text with its per-language variants ({@code content} + {@code contentMap}). */
    record Text(String value, Map<String, String> byLanguage) {
        static final Text NONE = new Text(null, Map.of());

        boolean isEmpty() {
            return value == null && byLanguage.isEmpty();
        }

        /** The text in {@code language} when there is one, else the plain value, else any variant. */
        String best(String language) {
            if (language != null && byLanguage.containsKey(language)) return byLanguage.get(language);
            if (value != null) return value;
            return byLanguage.values().stream().findFirst().orElse(null);
        }
    }

    /** A Link (Link, Mention, Hashtag): a reference with a label. */
    record Link(List<String> types, String href, String name, String rel, String mediaType) implements Node {
        boolean is(String type) {
            return types.contains(type);
        }
    }

    /** Any AS2 object or activity. Properties absent from the document are empty lists, {@code null} or {@link Text#NONE}. */
    record AsObject(
            List<String> types,
            String id,
            List<Node> actor,
            List<Node> object,
            List<Node> target,
            List<Node> attributedTo,
            List<Node> inReplyTo,
            List<Node> to,
            List<Node> cc,
            Text name,
            Text summary,
            Text content,
            Instant published,
            List<Node> tag,
            List<Node> url,
            JsonNode raw)
            implements Node {
        boolean is(String type) {
            return types.contains(type);
        }
    }

    /** Parses one document given as bytes (as received over HTTP: must be UTF-8). */
    AsObject parse(byte[] document) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ActivityStreamsException("", "document is not valid UTF-8 (" + e.getMessage() + ")");
        }
        return parse(text);
    }

    /** Parses one document given as text. */
    AsObject parse(String document) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JacksonException e) {
            throw new ActivityStreamsException("", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) throw new ActivityStreamsException("", "empty document");
        if (!root.isObject())
            throw new ActivityStreamsException("", "top level is " + kind(root) + "; it must be a JSON object");
        checkContext(root.get("@context"));
        validate(root, "");
        return toObject(root);
    }

    private static void checkContext(JsonNode context) {
        if (context == null || context.isNull()) return; // AS2 Core §2.1: the AS2 context is then implied
        if (context.isString()) {
            if (!AS2_CONTEXTS.contains(context.asString()))
                throw new ActivityStreamsException(
                        "/@context", "refers to " + context.asString() + ", not the ActivityStreams context");
            return;
        }
        if (context.isArray()) {
            for (JsonNode c : context) {
                if (c.isString() && AS2_CONTEXTS.contains(c.asString())) return;
                if (!c.isString() && !c.isObject())
                    throw new ActivityStreamsException("/@context", "array entries must be IRIs or objects");
            }
            throw new ActivityStreamsException("/@context", "does not include the ActivityStreams context");
        }
        if (context.isObject())
            throw new ActivityStreamsException(
                    "/@context", "an object alone does not include the ActivityStreams context");
        throw new ActivityStreamsException(
                "/@context", "is " + kind(context) + "; it must be an IRI, an object or an array");
    }

    private void validate(JsonNode node, String path) {
        List<String> types = types(node, path);
        for (var property : node.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            String at = path + "/" + key;
            if (key.equals("@context") || value.isNull()) continue;
            if (key.equals("type") || key.equals("@type")) continue; // checked by types()
            if (key.equals("id") || key.equals("@id")) {
                if (!value.isString())
                    throw new ActivityStreamsException(at, "must be an IRI string, not " + kind(value));
                requireAbsolute(value.asString(), at);
            } else if (TEXT_PROPERTIES.contains(key)) {
                if (!value.isString())
                    throw new ActivityStreamsException(
                            at,
                            "must be a string, not " + kind(value)
                                    + (value.isObject() ? " (language maps belong in " + key + "Map)" : ""));
            } else if (key.endsWith("Map") && TEXT_PROPERTIES.contains(key.substring(0, key.length() - 3))) {
                checkLanguageMap(value, at);
            } else if (OBJECT_PROPERTIES.contains(key)) {
                checkObjectValue(key, value, at);
            } else if (key.equals("hreflang")) {
                if (!value.isString()) throw new ActivityStreamsException(at, "must be a language tag string");
                checkLanguageTag(value.asString(), at);
            } else if (key.equals("totalItems") || key.equals("startIndex")) {
                if (!value.isIntegralNumber() || value.asLong() < 0)
                    throw new ActivityStreamsException(at, "must be a non-negative integer");
            } else if (key.equals("published") || key.equals("updated")) {
                if (!value.isString() || instant(value.asString()) == null)
                    throw new ActivityStreamsException(at, "must be an xsd:dateTime with a time zone");
            }
        }
        if (types.stream().anyMatch(t -> t.equals("Collection") || t.equals("CollectionPage"))
                && types.stream().noneMatch(t -> t.startsWith("Ordered"))
                && node.has("orderedItems"))
            throw new ActivityStreamsException(
                    path + "/orderedItems", "an unordered Collection lists its members in items");
        if (types.stream().anyMatch(t -> t.equals("OrderedCollection") || t.equals("OrderedCollectionPage"))
                && node.has("items"))
            throw new ActivityStreamsException(
                    path + "/items", "an OrderedCollection lists its members in orderedItems");
        if (types.stream().anyMatch(COLLECTION_TYPES::contains)) {
            for (String p : PAGE_PROPERTIES) {
                JsonNode page = node.get(p);
                if (page != null && page.isObject()) {
                    List<String> pageTypes = types(page, path + "/" + p);
                    if (!pageTypes.isEmpty()
                            && pageTypes.stream().allMatch(AS2_TYPES::contains)
                            && pageTypes.stream().noneMatch(PAGE_OR_LINK_TYPES::contains))
                        throw new ActivityStreamsException(
                                path + "/" + p,
                                "a collection's " + p + " must be a CollectionPage or a Link, not " + pageTypes);
                }
            }
        }
    }

    private void checkObjectValue(String key, JsonNode value, String at) {
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) checkSingleObjectValue(key, item, at + "/" + i++);
        } else checkSingleObjectValue(key, value, at);
    }

    private void checkSingleObjectValue(String key, JsonNode value, String at) {
        if (value.isString()) {
            if (!TERM_PROPERTIES.contains(key)) requireAbsolute(value.asString(), at);
        } else if (value.isObject()) validate(value, at);
        else if (!value.isNull())
            throw new ActivityStreamsException(
                    at, "'" + key + "' must be an IRI, an object or an array of them, not " + kind(value));
    }

    private static void checkLanguageMap(JsonNode value, String at) {
        if (!value.isObject())
            throw new ActivityStreamsException(
                    at, "must be an object mapping language tags to strings, not " + kind(value));
        for (var e : value.properties()) {
            checkLanguageTag(e.getKey(), at);
            if (!e.getValue().isString())
                throw new ActivityStreamsException(
                        at + "/" + e.getKey(), "must be a string, not " + kind(e.getValue()));
        }
    }

    static void checkLanguageTag(String tag, String at) {
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            throw new ActivityStreamsException(at, "'" + tag + "' is not a well-formed BCP 47 language tag");
        }
    }

    private static void requireAbsolute(String iri, String at) {
        if (!ABSOLUTE_IRI.matcher(iri).matches())
            throw new ActivityStreamsException(at, "'" + iri + "' is not an absolute IRI");
    }

    private static List<String> types(JsonNode node, String path) {
        JsonNode type = node.has("type") ? node.get("type") : node.get("@type");
        if (type == null || type.isNull()) return List.of();
        List<String> types = new ArrayList<>();
        if (type.isString()) types.add(shortType(type.asString()));
        else if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.isString())
                    throw new ActivityStreamsException(path + "/type", "type names must be strings, not " + kind(t));
                types.add(shortType(t.asString()));
            }
        } else
            throw new ActivityStreamsException(
                    path + "/type", "must be a string or an array of strings, not " + kind(type));
        return List.copyOf(types);
    }

    private static String shortType(String type) {
        if (type.startsWith(AS2_PREFIX)) return type.substring(AS2_PREFIX.length());
        if (type.startsWith("http://www.w3.org/ns/activitystreams#"))
            return type.substring("http://www.w3.org/ns/activitystreams#".length());
        if (type.startsWith("as:")) return type.substring(3);
        return type;
    }

    private static String kind(JsonNode node) {
        if (node.isNumber()) return "a number";
        if (node.isString()) return "a string";
        if (node.isBoolean()) return "a boolean";
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        return "null";
    }

    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // --- model building (the document is already validated) ---

    private AsObject toObject(JsonNode n) {
        JsonNode id = n.has("id") ? n.get("id") : n.get("@id");
        JsonNode published = n.get("published");
        return new AsObject(
                types(n, ""),
                id == null || id.isNull() ? null : id.asString(),
                nodes(n.get("actor")),
                nodes(n.get("object")),
                nodes(n.get("target")),
                nodes(n.get("attributedTo")),
                nodes(n.get("inReplyTo")),
                nodes(n.get("to")),
                nodes(n.get("cc")),
                text(n, "name"),
                text(n, "summary"),
                text(n, "content"),
                published == null || published.isNull() ? null : instant(published.asString()),
                nodes(n.get("tag")),
                nodes(n.get("url")),
                n);
    }

    private List<Node> nodes(JsonNode value) {
        if (value == null || value.isNull()) return List.of();
        List<Node> list = new ArrayList<>();
        if (value.isArray()) for (JsonNode item : value) addNode(list, item);
        else addNode(list, value);
        return List.copyOf(list);
    }

    private void addNode(List<Node> list, JsonNode value) {
        if (value.isString()) list.add(new Iri(value.asString()));
        else if (value.isObject()) {
            List<String> types = types(value, "");
            if (types.stream().anyMatch(LINK_TYPES::contains) || (types.isEmpty() && value.has("href")))
                list.add(new Link(
                        types, str(value, "href"), str(value, "name"), str(value, "rel"), str(value, "mediaType")));
            else list.add(toObject(value));
        }
    }

    private static String str(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isString() ? v.asString() : null;
    }

    private static Text text(JsonNode n, String key) {
        String value = str(n, key);
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode m = n.get(key + "Map");
        if (m != null && m.isObject())
            for (var e : m.properties()) map.put(e.getKey(), e.getValue().asString());
        if (value == null && map.isEmpty()) return Text.NONE;
        return new Text(value, java.util.Collections.unmodifiableMap(map));
    }
}
