package org.civicloop.triage.location;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How place names are compared: lower case, accents and punctuation gone, street types and
 * directions in one spelling ("Street", "St." and "Str" are all {@code st}; "Avenida" is {@code ave}),
 * ordinals as numbers ("3rd", "third", "3ra", "tercera" are all {@code 3}). Text and gazetteer go
 * through the same steps, so "120 MILL STREET" meets "Mill St".
 */
final class Names {

    private Names() {}

    /** A word of a text: its normal form and where it is in the original. */
    record Token(String norm, String original, int start, int end) {
        boolean capitalised() {
            return !original.isEmpty() && Character.isUpperCase(original.codePointAt(0));
        }

        boolean number() {
            return HOUSE_NUMBER.matcher(original).matches();
        }
    }

    static final Pattern HOUSE_NUMBER = Pattern.compile("\\d{1,5}[a-zA-Z]?(?:[-–]\\d{1,5}[a-zA-Z]?)?");

    private static final Pattern WORD = Pattern.compile(
            "\\d{1,5}[a-zA-Z]?(?:[-–]\\d{1,5}[a-zA-Z]?)?(?![\\p{L}\\d])|[\\p{L}\\d]+(?:['’][\\p{L}]+)?|[&/@]");

    /** Street types, in every spelling we know, to one form. */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("street", "st"),
            Map.entry("st", "st"),
            Map.entry("str", "st"),
            Map.entry("avenue", "ave"),
            Map.entry("ave", "ave"),
            Map.entry("av", "ave"),
            Map.entry("avenida", "ave"),
            Map.entry("road", "rd"),
            Map.entry("rd", "rd"),
            Map.entry("drive", "dr"),
            Map.entry("dr", "dr"),
            Map.entry("lane", "ln"),
            Map.entry("ln", "ln"),
            Map.entry("place", "pl"),
            Map.entry("pl", "pl"),
            Map.entry("boulevard", "blvd"),
            Map.entry("blvd", "blvd"),
            Map.entry("bulevar", "blvd"),
            Map.entry("square", "sq"),
            Map.entry("sq", "sq"),
            Map.entry("court", "ct"),
            Map.entry("ct", "ct"),
            Map.entry("terrace", "ter"),
            Map.entry("ter", "ter"),
            Map.entry("turnpike", "tpke"),
            Map.entry("tpke", "tpke"),
            Map.entry("highway", "hwy"),
            Map.entry("hwy", "hwy"),
            Map.entry("parkway", "pkwy"),
            Map.entry("pkwy", "pkwy"),
            Map.entry("circle", "cir"),
            Map.entry("cir", "cir"),
            Map.entry("way", "way"),
            Map.entry("alley", "aly"),
            Map.entry("aly", "aly"),
            Map.entry("extension", "ext"),
            Map.entry("extended", "ext"),
            Map.entry("ext", "ext"),
            Map.entry("plaza", "plz"),
            Map.entry("plz", "plz"));

    private static final Map<String, String> DIRECTIONS =
            Map.of("n", "north", "s", "south", "e", "east", "w", "west", "no", "north", "so", "south");

    private static final Map<String, String> ORDINAL_WORDS = Map.ofEntries(
            Map.entry("first", "1"),
            Map.entry("second", "2"),
            Map.entry("third", "3"),
            Map.entry("fourth", "4"),
            Map.entry("fifth", "5"),
            Map.entry("sixth", "6"),
            Map.entry("seventh", "7"),
            Map.entry("eighth", "8"),
            Map.entry("ninth", "9"),
            Map.entry("tenth", "10"),
            Map.entry("primera", "1"),
            Map.entry("segunda", "2"),
            Map.entry("tercera", "3"),
            Map.entry("cuarta", "4"),
            Map.entry("quinta", "5"),
            Map.entry("sexta", "6"),
            Map.entry("septima", "7"),
            Map.entry("octava", "8"),
            Map.entry("novena", "9"),
            Map.entry("decima", "10"));

    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,3})(?:st|nd|rd|th|ra|ro|er|a|o|va|na|ta)");

    static boolean isType(String norm) {
        return TYPES.containsValue(norm);
    }

    static boolean isOrdinal(Token t) {
        return ORDINAL.matcher(fold(t.original())).matches() || ORDINAL_WORDS.containsKey(fold(t.original()));
    }

    /** Lower case without accents or apostrophes. */
    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "");
    }

    /** The normal form of one word. */
    static String word(String original) {
        String w = fold(original);
        String type = TYPES.get(w);
        if (type != null) return type;
        String dir = DIRECTIONS.get(w);
        if (dir != null) return dir;
        String ord = ORDINAL_WORDS.get(w);
        if (ord != null) return ord;
        Matcher m = ORDINAL.matcher(w);
        if (m.matches()) return m.group(1);
        if (w.equals("saint")) return "st";
        return w;
    }

    /** The words of a text with their offsets. */
    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String original = m.group();
            tokens.add(new Token(word(original), original, m.start(), m.end()));
        }
        return tokens;
    }

    /** The normal form of a name: its words' normal forms joined by spaces. */
    static String normal(String name) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens(name)) {
            if (!b.isEmpty()) b.append(' ');
            b.append(t.norm());
        }
        return b.toString();
    }

    /** A street's name without its type ("mill st" → "mill"), or the name when it has none. */
    static String base(String normal) {
        int space = normal.lastIndexOf(' ');
        if (space < 0) return normal;
        String last = normal.substring(space + 1);
        if (last.equals("ext")) {
            String rest = normal.substring(0, space);
            return base(rest);
        }
        return isType(last) ? normal.substring(0, space) : normal;
    }
}
