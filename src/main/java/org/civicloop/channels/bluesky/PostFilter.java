package org.civicloop.channels.bluesky;

import static org.civicloop.channels.bluesky.JetstreamParser.str;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Which posts are addressed to the city: those that mention one of its DIDs (a mention facet) or
 * handles ({@code @handle} in the text), or carry one of its keywords or hashtags (in the text or
 * as a tag facet), compared case-insensitively.
 */
final class PostFilter {

    private static final String MENTION = "app.bsky.richtext.facet#mention";
    private static final String TAG = "app.bsky.richtext.facet#tag";

    private final Set<String> dids;
    private final List<Pattern> handles;
    private final List<String> keywords;
    private final Set<String> tags;

    PostFilter(List<String> dids, List<String> handles, List<String> keywords) {
        this.dids = Set.copyOf(dids);
        this.handles = handles.stream()
                .map(h -> Pattern.compile(
                        "(?<![\\p{L}\\p{N}_.])@" + Pattern.quote(h) + "(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
        this.keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        this.tags = keywords.stream()
                .map(k -> k.startsWith("#") ? k.substring(1) : k)
                .map(k -> k.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    static PostFilter of(BlueskySettings settings) {
        return new PostFilter(settings.dids(), settings.handles(), settings.keywords());
    }

    boolean isEmpty() {
        return dids.isEmpty() && handles.isEmpty() && keywords.isEmpty();
    }

    boolean matches(JsonNode record) {
        String text = str(record.path("text"));
        if (text == null) return false;
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                String type = str(feature.path("$type"));
                if (MENTION.equals(type) && dids.contains(str(feature.path("did")))) return true;
                String tag = str(feature.path("tag"));
                if (TAG.equals(type) && tag != null && tags.contains(tag.toLowerCase(Locale.ROOT))) return true;
            }
        }
        for (Pattern handle : handles) {
            if (handle.matcher(text).find()) return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String keyword : keywords) {
            if (lower.contains(keyword)) return true;
        }
        return false;
    }
}
