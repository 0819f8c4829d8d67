package org.civicloop.triage.language;

import java.util.regex.Pattern;

/**
 * What of a post says something about its language: links, e-mail addresses, {@code @handles}
 * (also Mastodon's {@code @user@server}), hashtags, a leading retweet marker and numbers are
 * removed, whitespace collapsed. Hashtags go because they are names as often as words
 * ({@code #TemblorGT}, {@code #yolandaph}) and tend to be shared across languages.
 */
public final class LanguageText {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern EMAIL = Pattern.compile("\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_.]+(?:@[\\w.-]+)?");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");
    private static final Pattern RETWEET =
            Pattern.compile("^(?:\\s*(?:RT|MT)\\b\\s*(?:@[\\p{L}\\p{N}_.]+(?:@[\\w.-]+)?)?\\s*:?)+");
    // numbers with what often sticks to them: 5th, 3rd, 10am, 3:30pm, 12km
    private static final Pattern NUMBER =
            Pattern.compile("\\p{N}+(?:[.,:/-]\\p{N}+)*(?:\\p{L}{1,2}(?![\\p{L}\\p{M}]))?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");

    private LanguageText() {}

    /** The text the detector is given. */
    public static String clean(String text) {
        if (text == null) return "";
        String t = RETWEET.matcher(text.strip()).replaceAll(" ");
        t = LINK.matcher(t).replaceAll(" ");
        t = HANDLE.matcher(t).replaceAll(" ");
        t = EMAIL.matcher(t).replaceAll(" ");
        t = HASHTAG.matcher(t).replaceAll(" ");
        t = NUMBER.matcher(t).replaceAll(" ");
        return SPACES.matcher(t).replaceAll(" ").strip();
    }

    /**
     * How many letters the cleaned text has; a character of a script written without spaces (Han,
     * Hiragana, Katakana, Hangul syllables) counts as two, since each carries as much as a short word.
     */
    public static int letterWeight(String cleaned) {
        int weight = 0;
        for (int i = 0; i < cleaned.length(); ) {
            int cp = cleaned.codePointAt(i);
            if (Character.isLetter(cp)) weight += isLogographic(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return weight;
    }

    /**
     * Words in the cleaned text: runs of letters, and every character of a script written without
     * spaces (Han, Kana) counted as a word.
     */
    public static int words(String text) {
        String cleaned = clean(text);
        int words = 0;
        var m = WORD.matcher(cleaned);
        while (m.find()) {
            String w = m.group();
            int logograms =
                    (int) w.codePoints().filter(LanguageText::isLogographic).count();
            boolean hangul =
                    w.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
            words += logograms > 0 && !hangul ? Math.max(1, logograms) : 1;
        }
        return words;
    }

    static boolean isLogographic(int cp) {
        var script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
