package org.civicloop.triage.language;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tagalog function words (case markers, linkers, pronouns, particles, negation) — at least one of
 * them is in almost any Tagalog or Taglish sentence, and hardly any occurs in English. Words that
 * English also uses ({@code at}, {@code may}, {@code ate}) are left out.
 */
final class TagalogMarkers {

    private static final Set<String> WORDS = Set.of(
            "ang", "ng", "nang", "sa", "mga", "si", "ni", "kay", "ay", "na", "po", "ho", "ko", "mo", "niya", "nila",
            "namin", "natin", "ninyo", "ako", "ikaw", "siya", "kami", "tayo", "kayo", "sila", "ito", "iyan", "yan",
            "iyon", "yun", "yung", "dito", "doon", "diyan", "dyan", "hindi", "di", "wala", "walang", "mayroon", "meron",
            "din", "rin", "lang", "lamang", "naman", "pa", "pala", "ba", "kasi", "dahil", "pero", "ngayon", "sana",
            "nga", "talaga", "daw", "raw", "nasa", "ka", "kung", "kapag", "pag", "lahat", "nyo", "niyo", "tayong",
            "kaming", "salamat", "huwag", "wag", "nman", "lng", "ung");

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private TagalogMarkers() {}

    static boolean present(String text) {
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) if (WORDS.contains(m.group())) return true;
        return false;
    }
}
