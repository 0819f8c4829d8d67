package org.civicloop.triage.text;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a text into a sparse, L2-normalised feature vector by the hashing trick: word unigrams and
 * bigrams, and character 3- to 5-grams inside words (robust to spelling, plurals and the
 * abbreviations of short posts). Mentions, URLs and numbers become placeholder tokens, HTML
 * entities ({@code &#8220;}) are dropped. Feature weights are {@code 1 + log(count)}.
 */
public final class TextFeatures {

    private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern MENTION = Pattern.compile("@[\\w.]+");
    private static final Pattern ENTITY = Pattern.compile("&#?\\w+;");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}'_]+|[!?]");

    private final int bits;
    private final int mask;

    /** @param bits the vector has {@code 2^bits} dimensions */
    public TextFeatures(int bits) {
        if (bits < 8 || bits > 26) throw new IllegalArgumentException("bits must be between 8 and 26");
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int bits() {
        return bits;
    }

    public int dimensions() {
        return 1 << bits;
    }

    /** A sparse vector: parallel arrays of indices and values. */
    public record Vector(int[] indices, float[] values) {}

    public Vector extract(String text) {
        var counts = new HashMap<Integer, Float>();
        String previous = "<s>";
        for (String token : tokens(text)) {
            add(counts, "w:" + token);
            add(counts, "b:" + previous + " " + token);
            previous = token;
            if (token.length() > 2) {
                String padded = "<" + token + ">";
                for (int n = 3; n <= 5; n++) {
                    for (int i = 0; i + n <= padded.length(); i++) add(counts, "c:" + padded.substring(i, i + n));
                }
            }
        }
        return normalise(counts);
    }

    /** The word tokens the features are built from (lower case, accents kept). */
    public static java.util.List<String> tokens(String text) {
        if (text == null) return java.util.List.of();
        String s = ENTITY.matcher(text).replaceAll(" ");
        s = URL.matcher(s).replaceAll(" _url_ ");
        s = MENTION.matcher(s).replaceAll(" _mention_ ");
        s = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        var tokens = new java.util.ArrayList<String>();
        var m = TOKEN.matcher(s);
        while (m.find()) {
            String t = m.group();
            if (t.chars().allMatch(Character::isDigit)) t = "_num_";
            tokens.add(t);
        }
        return tokens;
    }

    /** Where a named feature lands (for explaining a prediction). */
    public int index(String feature) {
        int h = murmur(feature);
        return h & mask;
    }

    private void add(Map<Integer, Float> counts, String feature) {
        counts.merge(index(feature), 1f, Float::sum);
    }

    private static Vector normalise(Map<Integer, Float> counts) {
        int[] indices = new int[counts.size()];
        float[] values = new float[counts.size()];
        double norm = 0;
        int i = 0;
        for (var e : counts.entrySet()) {
            indices[i] = e.getKey();
            values[i] = (float) (1 + Math.log(e.getValue()));
            norm += values[i] * values[i];
            i++;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int k = 0; k < values.length; k++) values[k] /= (float) norm;
        return new Vector(indices, values);
    }

    /** MurmurHash3's 32-bit finaliser over the string's hash: cheap and well spread. */
    static int murmur(String s) {
        int h = s.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
