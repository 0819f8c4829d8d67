package org.civicloop.triage.location;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.civicloop.triage.location.Names.Token;

/**
 * Finds the places a text names, in English and Spanish, by the names the gazetteer knows:
 * addresses (120 Mill Street, apt 4; al 1234 de la calle Elm), intersections (Elm and 3rd; corner
 * of Elm and 3rd; Elm St at Oak Ave; esquina de Elm y 3ra; Mill St near Depot St), landmarks and
 * parks (the library; Riverside Park; St. Mary's Church) and streets (on Mill St). A street named
 * without its type (Elm) counts only where a place is expected: after on, at, calle and the like,
 * beside another street, or after a house number; and only when capitalised or an ordinal (3rd).
 */
public final class LocationExtractor {

    public static final String VERSION = "location-rules-1";

    /** Words after which a street is expected. */
    private static final Set<String> TRIGGERS = Set.of(
            "on",
            "at",
            "along",
            "off",
            "onto",
            "of",
            "near",
            "by",
            "from",
            "to",
            "down",
            "up",
            "across",
            "past",
            "en",
            "calle",
            "avenida",
            "ave",
            "la",
            "sobre",
            "por",
            "frente",
            "cerca",
            "hacia",
            "entre",
            "in",
            "@",
            "corner",
            "esquina",
            "intersection",
            "cruce");

    /** Words that say a street's name follows. */
    private static final Set<String> STREET_WORDS = Set.of("calle", "avenida", "callejon", "camino");

    /** Words joining two streets into an intersection, tight (and, &amp;, at, y) or loose (near). */
    private static final Set<String> TIGHT = Set.of("and", "&", "/", "at", "@", "y", "e", "con", "x", "with");

    private static final Set<String> LOOSE = Set.of(
            "near", "by", "off", "past", "approaching", "onto", "from", "cerca", "junto", "hacia", "toward", "towards");

    /** Words that may stand between two streets of an intersection. */
    private static final Set<String> FILLER = Set.of(
            "the",
            "de",
            "del",
            "la",
            "el",
            "corner",
            "of",
            "intersection",
            "just",
            "calle",
            "avenida",
            "esquina",
            "a",
            "an",
            "right",
            "cruce",
            "con",
            "al",
            "lo");

    /** Words before a house number that make it something else. */
    private static final Set<String> NOT_BEFORE_NUMBER = Set.of(
            "apt",
            "apartment",
            "unit",
            "suite",
            "ste",
            "room",
            "rm",
            "route",
            "rt",
            "rte",
            "floor",
            "#",
            "no",
            "apto",
            "piso",
            "depto",
            "bus",
            "exit",
            "salida",
            "ruta",
            "over",
            "than",
            "about",
            "around");

    /** Very common words that are never a street named on its own. */
    private static final Set<String> STOP = Set.of(
            "the", "a", "an", "and", "or", "of", "at", "on", "in", "to", "it", "is", "my", "our", "this", "that", "i",
            "we", "you", "he", "she", "they", "de", "la", "el", "en", "y", "un", "una", "los", "las");

    private final Gazetteer gazetteer;

    public LocationExtractor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * A name found: a landmark, or a street by its full name or by its name without type
     * ({@code base}); {@code weak} when written in lower case in a text that is not (kept only
     * beside another street: "Spring at division"); {@code whole} when the street's whole name has
     * no type ("broadway").
     */
    private record Hit(
            int from,
            int to,
            Gazetteer.Street street,
            Gazetteer.Landmark landmark,
            boolean base,
            boolean weak,
            boolean whole) {
        Hit(int from, int to, Gazetteer.Street street, Gazetteer.Landmark landmark, boolean base) {
            this(from, to, street, landmark, base, false, false);
        }
    }

    /** Every place the text names, best first. */
    public List<Mention> extract(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<Token> tokens = Names.tokens(text);
        boolean lower = text.codePoints().noneMatch(Character::isUpperCase);
        List<Hit> hits = hits(tokens, lower);
        List<Mention> mentions = new ArrayList<>();
        boolean[] used = new boolean[hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            if (hit.landmark() != null) {
                mentions.add(mention(
                        text,
                        tokens,
                        LocationKind.LANDMARK,
                        hit.from(),
                        hit.to(),
                        null,
                        null,
                        null,
                        hit.landmark(),
                        0.8));
                continue;
            }
            if (used[h]) continue;
            // an intersection: this street, joining words, another street
            if (h + 1 < hits.size() && hits.get(h + 1).street() != null) {
                Hit next = hits.get(h + 1);
                double join = join(tokens, hit.to(), next.from());
                if (join > 0 && next.street() != hit.street()) {
                    int from = intersectionStart(tokens, hit.from());
                    double c = join - (hit.base() ? 0.05 : 0) - (next.base() ? 0.05 : 0);
                    mentions.add(mention(
                            text,
                            tokens,
                            LocationKind.INTERSECTION,
                            from,
                            next.to(),
                            hit.street(),
                            next.street(),
                            null,
                            null,
                            c));
                    used[h + 1] = true;
                    continue;
                }
            }
            int number = numberBefore(tokens, hit.from());
            if (number >= 0) {
                mentions.add(mention(
                        text,
                        tokens,
                        LocationKind.ADDRESS,
                        number,
                        hit.to(),
                        hit.street(),
                        null,
                        tokens.get(number).original(),
                        null,
                        hit.base() ? 0.75 : 0.9));
                continue;
            }
            mentions.add(mention(
                    text,
                    tokens,
                    LocationKind.STREET,
                    hit.from(),
                    hit.to(),
                    hit.street(),
                    null,
                    null,
                    null,
                    hit.base() ? 0.45 : 0.6));
        }
        mentions.sort(Comparator.comparingDouble(Mention::confidence).reversed().thenComparingInt(Mention::start));
        return mentions;
    }

    private Mention mention(
            String text,
            List<Token> tokens,
            LocationKind kind,
            int from,
            int to,
            Gazetteer.Street street,
            Gazetteer.Street cross,
            String number,
            Gazetteer.Landmark landmark,
            double confidence) {
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        return new Mention(kind, start, end, text.substring(start, end), street, cross, number, landmark, confidence);
    }

    /** Landmarks and streets, longest name first, not overlapping, in text order. */
    private List<Hit> hits(List<Token> tokens, boolean lower) {
        List<Hit> hits = new ArrayList<>();
        int longest = gazetteer.longestName;
        int i = 0;
        while (i < tokens.size()) {
            Hit found = null;
            for (int len = Math.min(longest, tokens.size() - i); len >= 1 && found == null; len--) {
                String key = key(tokens, i, i + len);
                Gazetteer.Landmark landmark = gazetteer.landmarksByName.get(key);
                if (landmark != null) {
                    found = new Hit(i, i + len, null, landmark, false);
                    break;
                }
                Gazetteer.Street street = gazetteer.streetsByName.get(key);
                boolean typeless = street != null && len == 1 && Names.base(key).equals(key);
                if (len == 1 && tokens.get(i).number()) continue; // "3 days": a number alone names no street
                if (street != null && !typeless) {
                    found = new Hit(i, i + len, street, null, false);
                    break;
                }
                if (typeless && (tokens.get(i).capitalised() || lower) && !STOP.contains(key)) {
                    // "Broadway": a one-word name with no type, written as a name
                    found = new Hit(i, i + len, street, null, false);
                    break;
                }
                List<Gazetteer.Street> same = gazetteer.streetsByBase.get(key);
                if (same == null) same = street == null ? null : List.of(street);
                if (same != null && !same.isEmpty() && !STOP.contains(key)) {
                    int to = i + len;
                    // "Elm Ave" when the city has only Elm St: still Elm, the type is part of the mention
                    if (to < tokens.size() && Names.isType(tokens.get(to).norm()) && !isSaint(tokens, to)) to++;
                    if (baseAllowed(tokens, i, to, lower))
                        found = new Hit(i, to, same.get(0), null, true, false, typeless);
                    else if (!tokens.get(i).number() && tokens.get(i).norm().length() > 2)
                        found = new Hit(i, to, same.get(0), null, true, true, typeless);
                }
            }
            if (found != null) {
                hits.add(found);
                i = found.to();
            } else {
                i++;
            }
        }
        // a bare name is kept only where a street is expected
        List<Hit> kept = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            if (!hit.base()) {
                kept.add(hit);
                continue;
            }
            boolean typed = hit.to() - hit.from() > 1
                    && Names.isType(tokens.get(hit.to() - 1).norm());
            boolean trigger = hit.from() > 0
                    && TRIGGERS.contains(tokens.get(hit.from() - 1).norm());
            boolean number = numberBefore(tokens, hit.from()) >= 0;
            boolean beside = (h > 0
                            && hits.get(h - 1).street() != null
                            && !hits.get(h - 1).weak()
                            && join(tokens, hits.get(h - 1).to(), hit.from()) > 0)
                    || (h + 1 < hits.size()
                            && hits.get(h + 1).street() != null
                            && !hits.get(h + 1).weak()
                            && join(tokens, hit.to(), hits.get(h + 1).from()) > 0);
            // "calle elm", "avenida maple": the word before says a street's name follows, in any case
            boolean street = hit.from() > 0
                    && STREET_WORDS.contains(
                            Names.fold(tokens.get(hit.from() - 1).original()));
            if (street) {
                kept.add(hit);
                continue;
            }
            if (hit.weak()) {
                // "Spring at division", "on broadway": a lower-case word only beside a street, or a
                // street's whole name after "on", "at"...
                boolean tight = (h > 0
                                && hits.get(h - 1).street() != null
                                && !hits.get(h - 1).weak()
                                && join(tokens, hits.get(h - 1).to(), hit.from()) >= 0.85)
                        || (h + 1 < hits.size()
                                && hits.get(h + 1).street() != null
                                && !hits.get(h + 1).weak()
                                && join(tokens, hit.to(), hits.get(h + 1).from()) >= 0.85);
                if (tight || (trigger && hit.whole())) kept.add(hit);
                continue;
            }
            // in a text all in lower case a bare word after "at" is too often just a word ("at school")
            Token first = tokens.get(hit.from());
            boolean named = first.capitalised() || Names.isOrdinal(first);
            if (typed || number || beside || (trigger && named)) kept.add(hit);
        }
        return kept;
    }

    private static boolean isSaint(List<Token> tokens, int i) {
        // "St. Mary's": St followed by a capitalised name is a saint, not a street type
        return tokens.get(i).norm().equals("st")
                && i + 1 < tokens.size()
                && tokens.get(i + 1).capitalised()
                && tokens.get(i).original().startsWith("S");
    }

    private static boolean baseAllowed(List<Token> tokens, int from, int to, boolean lower) {
        Token first = tokens.get(from);
        if (first.number()) return false;
        if (Names.isOrdinal(first)) return true;
        if (first.norm().length() < 2) return false;
        return lower || first.capitalised();
    }

    private static String key(List<Token> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) b.append(' ');
            b.append(tokens.get(k).norm());
        }
        return b.toString();
    }

    /** How well the words between two streets join them into an intersection (0: they don't). */
    private static double join(List<Token> tokens, int from, int to) {
        if (to - from < 1 || to - from > 6) return 0;
        double best = 0;
        for (int k = from; k < to; k++) {
            String w = tokens.get(k).norm();
            if (TIGHT.contains(w)) best = Math.max(best, 0.85);
            else if (LOOSE.contains(w)) best = Math.max(best, 0.7);
            else if (!FILLER.contains(w)) return 0;
        }
        return best;
    }

    /** The start of "corner of", "esquina de", "intersection of" before an intersection. */
    private static int intersectionStart(List<Token> tokens, int from) {
        int k = from;
        while (k > 0
                && Set.of("of", "de", "corner", "esquina", "intersection", "cruce", "la", "the", "del")
                        .contains(tokens.get(k - 1).norm())) k--;
        while (k < from
                && Set.of("of", "de", "la", "the", "del").contains(tokens.get(k).norm())) k++;
        return k;
    }

    /** The index of a house number just before a street ("120 Mill", "1234 de la calle Elm"), or -1. */
    private static int numberBefore(List<Token> tokens, int from) {
        int k = from - 1;
        while (k >= 0
                && k >= from - 3
                && Set.of("de", "la", "calle", "avenida", "del")
                        .contains(tokens.get(k).norm())) k--;
        if (k < 0 || !tokens.get(k).number()) return -1;
        if (k > 0 && NOT_BEFORE_NUMBER.contains(tokens.get(k - 1).norm())) return -1;
        return k;
    }
}
