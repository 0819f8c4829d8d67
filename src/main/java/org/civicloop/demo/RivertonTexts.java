package org.civicloop.demo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.shared.ChannelKind;

/**
 * The hand-written texts of the demo city: what residents write ({@code demo/riverton-messages-<language>.txt})
 * and what staff note when a case moves on ({@code demo/riverton-notes.txt}).
 */
final class RivertonTexts {

    static final List<String> LANGUAGES = List.of("en", "es");

    /** What a resident's message is about, as far as the demo city is concerned. */
    enum Kind {
        /** A new problem for the city to fix. */
        REPORT,
        /** The same problem again, from the same or another resident. */
        FOLLOWUP,
        QUESTION,
        PRAISE,
        OPINION,
        /** Off-topic posts and spam. */
        SPAM;

        boolean isServiceRequest() {
            return this == REPORT || this == FOLLOWUP;
        }
    }

    /** The placeholders a message template or a note may use. */
    static final Set<String> PLACEHOLDERS =
            Set.of("street", "street2", "n", "hood", "days", "weeks", "count", "nth", "day", "plate");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");

    /** One message template: which service and kind it is, on which channels it reads naturally. */
    record Template(String language, String serviceCode, Kind kind, Set<ChannelKind> channels, String text) {
        boolean fits(ChannelKind channel) {
            return channels.isEmpty() || channels.contains(channel);
        }

        boolean anyChannel() {
            return channels.isEmpty();
        }
    }

    /**
     * One staff note: for which status ({@code declined} is a close without work), which service
     * ({@code *}: any) and which audience ({@code en}, {@code es}: public; {@code internal}).
     */
    record Note(String status, String serviceCode, String audience, String text) {}

    private RivertonTexts() {}

    static List<Template> templates() {
        List<Template> all = new ArrayList<>();
        for (String language : LANGUAGES) all.addAll(templates(language));
        return List.copyOf(all);
    }

    static List<Template> templates(String language) {
        String resource = "demo/riverton-messages-" + language + ".txt";
        List<Template> templates = new ArrayList<>();
        for (String line : RivertonCity.lines(resource)) {
            String[] f = line.split("\\|", 4);
            if (f.length != 4 || f[3].isBlank()) throw new IllegalStateException(resource + ": bad line: " + line);
            templates.add(new Template(language, f[0].strip(), kind(f[1], line), channels(f[2], line), f[3].strip()));
        }
        return List.copyOf(templates);
    }

    static List<Note> notes() {
        String resource = "demo/riverton-notes.txt";
        List<Note> notes = new ArrayList<>();
        for (String line : RivertonCity.lines(resource)) {
            String[] f = line.split("\\|", 4);
            if (f.length != 4 || f[3].isBlank()) throw new IllegalStateException(resource + ": bad line: " + line);
            notes.add(new Note(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip()));
        }
        return List.copyOf(notes);
    }

    /** The placeholders a text uses, in order of first use. */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** Fills the placeholders of a text; an unknown placeholder is an error in the text files. */
    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalStateException("No value for {" + m.group(1) + "} in: " + text);
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Kind kind(String code, String line) {
        try {
            return Kind.valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Unknown kind in: " + line, e);
        }
    }

    private static Set<ChannelKind> channels(String spec, String line) {
        String s = spec.strip();
        if (s.equals("*")) return Set.of();
        Set<ChannelKind> channels = EnumSet.noneOf(ChannelKind.class);
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.equals("social")) {
                channels.add(ChannelKind.MASTODON);
                channels.add(ChannelKind.BLUESKY);
            } else if (ChannelKind.isKnown(p)) {
                channels.add(ChannelKind.fromCode(p));
            } else {
                throw new IllegalStateException("Unknown channel '" + p + "' in: " + line);
            }
        }
        return Set.copyOf(channels);
    }
}
