package org.civicloop.triage.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A VADER sentiment scorer (Hutto &amp; Gilbert, ICWSM 2014), following the rules of the reference
 * implementation vaderSentiment 3.3.2 (Python, C.J. Hutto, MIT licence) so that it gives the same
 * scores: lexicon valences; negation of the three preceding words ({@code not}, {@code -n't},
 * {@code never}…, and {@code no}); boosters and dampeners ({@code very}, {@code kind of}…) weaker
 * with distance; ALL-CAPS emphasis when only some words are in capitals; {@code !} and {@code ?}
 * emphasis; the contrastive {@code but} (before it halved, after it 1.5×); {@code least};
 * {@code never so/this}; {@code without doubt}; special-case idioms ({@code the shit},
 * {@code bad ass}, {@code kiss of death}…); emoji translated to their words first.
 *
 * <p>It also reproduces the reference's quirks, since agreement is the point: the {@code but} rule
 * finds each valence by value (so equal valences are rescaled at the first position they occur),
 * tokens are split on Python's whitespace and stripped of ASCII punctuation only when more than
 * two characters remain, and capitals are judged as Python's {@code str.isupper} does.
 *
 * <p>{@link Edition#NPM_1_1_3} switches to the older rules that the npm port {@code vader-sentiment}
 * 1.1.3 implements (used to compare with that package and to show exactly where the two differ);
 * the application always scores with {@link Edition#REFERENCE_3_3_2}.
 *
 * <p>Thread-safe and allocation-light; one instance serves the whole application.
 */
public final class SentimentScorer {

    /** Which rules: the reference (vaderSentiment 3.3.2) or the older ones of the npm port. */
    enum Edition {
        REFERENCE_3_3_2,
        /**
         * The npm package vader-sentiment 1.1.3: no emoji; whitespace split into tokens of two or more
         * characters, a token losing a leading or trailing mark of a fixed list only when the bare
         * word also occurs in the text; negation, "never so/this", idioms and "but" compared case-
         * sensitively (and "but" found only as {@code but} or {@code BUT}, without the by-value
         * quirk); no "no" rule, no "without doubt"; "never so" ×1.5 two words back; fewer boosters
         * and special cases; a dampening n-gram applied once; capitals judged on ASCII letters.
         */
        NPM_1_1_3
    }

    private static final double B_INCR = 0.293, B_DECR = -0.293, C_INCR = 0.733, N_SCALAR = -0.74;

    private static final Set<String> NEGATE = Set.of(
            "aint",
            "arent",
            "cannot",
            "cant",
            "couldnt",
            "darent",
            "didnt",
            "doesnt",
            "ain't",
            "aren't",
            "can't",
            "couldn't",
            "daren't",
            "didn't",
            "doesn't",
            "dont",
            "hadnt",
            "hasnt",
            "havent",
            "isnt",
            "mightnt",
            "mustnt",
            "neither",
            "don't",
            "hadn't",
            "hasn't",
            "haven't",
            "isn't",
            "mightn't",
            "mustn't",
            "neednt",
            "needn't",
            "never",
            "none",
            "nope",
            "nor",
            "not",
            "nothing",
            "nowhere",
            "oughtnt",
            "shant",
            "shouldnt",
            "uhuh",
            "wasnt",
            "werent",
            "oughtn't",
            "shan't",
            "shouldn't",
            "uh-uh",
            "wasn't",
            "weren't",
            "without",
            "wont",
            "wouldnt",
            "won't",
            "wouldn't",
            "rarely",
            "seldom",
            "despite");

    private static final Map<String, Double> BOOSTERS = boosters();

    private static final Map<String, Double> NPM_BOOSTERS = npmBoosters();

    private static final Map<String, Double> NPM_SPECIAL_CASES = Map.of(
            "the shit", 3.0,
            "the bomb", 3.0,
            "bad ass", 1.5,
            "yeah right", -2.0,
            "cut the mustard", 2.0,
            "kiss of death", -1.5,
            "hand to mouth", -2.0);

    private static final List<String> NPM_MARKS = List.of(
            ".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?");

    private static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0,
            "the bomb", 3.0,
            "bad ass", 1.5,
            "badass", 1.5,
            "bus stop", 0.0,
            "yeah right", -2.0,
            "kiss of death", -1.5,
            "to die for", 3.0,
            "beating heart", 3.1,
            "broken heart", -2.9);

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static volatile SentimentScorer standard;

    private final VaderLexicon lexicon;
    private final boolean npm;
    private final Map<String, Double> boosters;

    SentimentScorer(VaderLexicon lexicon) {
        this(lexicon, Edition.REFERENCE_3_3_2);
    }

    SentimentScorer(VaderLexicon lexicon, Edition edition) {
        this.lexicon = lexicon;
        this.npm = edition == Edition.NPM_1_1_3;
        this.boosters = npm ? NPM_BOOSTERS : BOOSTERS;
    }

    /** The scorer with the lexicon shipped in CivicLoop (loaded once). */
    public static SentimentScorer standard() {
        SentimentScorer scorer = standard;
        if (scorer == null) {
            synchronized (SentimentScorer.class) {
                scorer = standard;
                if (scorer == null) standard = scorer = new SentimentScorer(VaderLexicon.shipped());
            }
        }
        return scorer;
    }

    /** Scores a text; null or blank gives {@link Sentiment#NONE}. */
    public Sentiment score(String text) {
        if (text == null) return Sentiment.NONE;
        String prepared = npm ? text : stripWhitespace(translateEmoji(text));
        List<String> tokens = npm ? npmTokens(prepared) : tokens(prepared);
        int n = tokens.size();
        if (n == 0) return Sentiment.NONE;
        String[] words = tokens.toArray(String[]::new);
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) lower[i] = words[i].toLowerCase(Locale.ROOT);
        boolean capDifferential = allCapDifferential(words);

        double[] sentiments = new double[n];
        for (int i = 0; i < n; i++) {
            if (boosters.containsKey(lower[i])) continue;
            if (i < n - 1 && lower[i].equals("kind") && lower[i + 1].equals("of")) continue;
            sentiments[i] = valence(words, lower, i, capDifferential);
        }
        if (npm) npmButCheck(words, sentiments);
        else butCheck(lower, sentiments);
        return scoreValence(sentiments, prepared);
    }

    private double valence(String[] words, String[] lower, int i, boolean capDifferential) {
        Double rated = lexicon.valence(lower[i]);
        if (rated == null) return 0;
        int n = lower.length;
        double valence = rated;
        // "no" before another lexicon word negates that word rather than counting itself
        if (!npm && lower[i].equals("no") && i != n - 1 && lexicon.contains(lower[i + 1])) valence = 0.0;
        if (!npm
                && ((i > 0 && lower[i - 1].equals("no"))
                        || (i > 1 && lower[i - 2].equals("no"))
                        || (i > 2
                                && lower[i - 3].equals("no")
                                && (lower[i - 1].equals("or") || lower[i - 1].equals("nor"))))) {
            valence = rated * N_SCALAR;
        }
        if (capDifferential && upper(words[i])) valence += valence > 0 ? C_INCR : -C_INCR;

        for (int start = 0; start < 3; start++) {
            int before = i - (start + 1);
            if (i > start && !lexicon.contains(lower[before])) {
                double s = scalarIncDec(words[before], lower[before], valence, capDifferential);
                if (start == 1 && s != 0) s = s * 0.95;
                if (start == 2 && s != 0) s = s * 0.9;
                valence = valence + s;
                if (npm) {
                    valence = npmNegationCheck(valence, words, start, i);
                    if (start == 2) valence = npmIdiomsCheck(valence, words, i);
                } else {
                    valence = negationCheck(valence, lower, start, i);
                    if (start == 2) valence = specialIdiomsCheck(valence, lower, i);
                }
            }
        }
        return leastCheck(valence, lower, i);
    }

    private double scalarIncDec(String word, String lower, double valence, boolean capDifferential) {
        Double booster = boosters.get(lower);
        if (booster == null) return 0.0;
        double scalar = booster;
        if (valence < 0) scalar *= -1;
        if (capDifferential && upper(word)) scalar += valence > 0 ? C_INCR : -C_INCR;
        return scalar;
    }

    private static double negationCheck(double valence, String[] lower, int start, int i) {
        if (start == 0) {
            if (negated(lower[i - 1])) valence = valence * N_SCALAR;
        } else if (start == 1) {
            if (lower[i - 2].equals("never") && (lower[i - 1].equals("so") || lower[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (lower[i - 2].equals("without") && lower[i - 1].equals("doubt")) {
                // "without doubt" affirms
            } else if (negated(lower[i - 2])) {
                valence = valence * N_SCALAR;
            }
        } else {
            if ((lower[i - 3].equals("never") && (lower[i - 2].equals("so") || lower[i - 2].equals("this")))
                    || (lower[i - 1].equals("so") || lower[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (lower[i - 3].equals("without")
                    && (lower[i - 2].equals("doubt") || lower[i - 1].equals("doubt"))) {
                // "without a doubt" affirms
            } else if (negated(lower[i - 3])) {
                valence = valence * N_SCALAR;
            }
        }
        return valence;
    }

    private static boolean negated(String lowerWord) {
        return NEGATE.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double specialIdiomsCheck(double valence, String[] lower, int i) {
        int n = lower.length;
        String oneZero = lower[i - 1] + " " + lower[i];
        String twoOneZero = lower[i - 2] + " " + lower[i - 1] + " " + lower[i];
        String twoOne = lower[i - 2] + " " + lower[i - 1];
        String threeTwoOne = lower[i - 3] + " " + lower[i - 2] + " " + lower[i - 1];
        String threeTwo = lower[i - 3] + " " + lower[i - 2];
        for (String sequence : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double special = SPECIAL_CASES.get(sequence);
            if (special != null) {
                valence = special;
                break;
            }
        }
        if (n - 1 > i) {
            Double special = SPECIAL_CASES.get(lower[i] + " " + lower[i + 1]);
            if (special != null) valence = special;
        }
        if (n - 1 > i + 1) {
            Double special = SPECIAL_CASES.get(lower[i] + " " + lower[i + 1] + " " + lower[i + 2]);
            if (special != null) valence = special;
        }
        // booster/dampener n-grams such as "sort of", "kind of", "just enough"
        for (String nGram : new String[] {threeTwoOne, threeTwo, twoOne}) {
            Double booster = BOOSTERS.get(nGram);
            if (booster != null) valence = valence + booster;
        }
        return valence;
    }

    private double leastCheck(double valence, String[] lower, int i) {
        if (i > 1 && !lexicon.contains(lower[i - 1]) && lower[i - 1].equals("least")) {
            if (!lower[i - 2].equals("at") && !lower[i - 2].equals("very")) valence = valence * N_SCALAR;
        } else if (i > 0 && !lexicon.contains(lower[i - 1]) && lower[i - 1].equals("least")) {
            valence = valence * N_SCALAR;
        }
        return valence;
    }

    /**
     * Valences before the first "but" are halved, those after it grow by half. As the reference
     * does, each valence is located by its value (its first occurrence), so of equal valences the
     * first is rescaled once per occurrence.
     */
    private static void butCheck(String[] lower, double[] sentiments) {
        int but = -1;
        for (int i = 0; i < lower.length; i++) {
            if (lower[i].equals("but")) {
                but = i;
                break;
            }
        }
        if (but < 0) return;
        for (int k = 0; k < sentiments.length; k++) {
            double sentiment = sentiments[k];
            int at = 0;
            while (sentiments[at] != sentiment) at++;
            if (at < but) sentiments[at] = sentiment * 0.5;
            else if (at > but) sentiments[at] = sentiment * 1.5;
        }
    }

    private static Sentiment scoreValence(double[] sentiments, String text) {
        double sum = 0;
        for (double s : sentiments) sum += s;
        double punctuation = punctuationEmphasis(text);
        if (sum > 0) sum += punctuation;
        else if (sum < 0) sum -= punctuation;
        double compound = normalize(sum);

        double positive = 0, negative = 0;
        int neutral = 0;
        for (double s : sentiments) {
            if (s > 0) positive += s + 1; // compensates for neutral words counted as 1
            if (s < 0) negative += s - 1;
            if (s == 0) neutral += 1;
        }
        if (positive > Math.abs(negative)) positive += punctuation;
        else if (positive < Math.abs(negative)) negative -= punctuation;
        double total = positive + Math.abs(negative) + neutral;
        return new Sentiment(
                round(compound, 4),
                round(Math.abs(positive / total), 3),
                round(Math.abs(neutral / total), 3),
                round(Math.abs(negative / total), 3));
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0, questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') exclamations++;
            else if (c == '?') questions++;
        }
        double emphasis = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        return emphasis;
    }

    private static double normalize(double score) {
        double normalized = score / Math.sqrt(score * score + 15);
        return Math.max(-1.0, Math.min(1.0, normalized));
    }

    /** Python's round(): the decimal nearest to the exact binary value, ties to even. */
    static double round(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return value;
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Each emoji of one code point the lexicon knows becomes its words, set off by spaces. */
    private String translateEmoji(String text) {
        StringBuilder out = null;
        boolean previousSpace = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String words = cp < 0x80 ? null : lexicon.emoji(cp);
            if (words != null) {
                if (out == null) out = new StringBuilder(text.length() + 32).append(text, 0, i);
                if (!previousSpace) out.append(' ');
                out.append(words);
                previousSpace = false;
            } else {
                if (out != null) out.appendCodePoint(cp);
                previousSpace = cp == ' ';
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /** Whitespace as Python's str.split() and str.strip() understand it. */
    static boolean isPythonSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D)
                || (cp >= 0x1C && cp <= 0x20)
                || cp == 0x85
                || cp == 0xA0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    private static String stripWhitespace(String text) {
        int start = 0, end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) start++;
        while (end > start && isPythonSpace(text.charAt(end - 1))) end--;
        return text.substring(start, end);
    }

    /** Split on whitespace; strip leading and trailing ASCII punctuation unless 2 or fewer characters would remain. */
    static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        int i = 0, n = text.length();
        while (i < n) {
            while (i < n && isPythonSpace(text.charAt(i))) i++;
            int start = i;
            while (i < n && !isPythonSpace(text.charAt(i))) i++;
            if (i > start) tokens.add(stripPunctuationIfWord(text.substring(start, i)));
        }
        return tokens;
    }

    static String stripPunctuationIfWord(String token) {
        int start = 0, end = token.length();
        while (start < end && PUNCTUATION.indexOf(token.charAt(start)) >= 0) start++;
        while (end > start && PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) end--;
        if (token.codePointCount(start, end) <= 2) return token;
        return token.substring(start, end);
    }

    /** Python's str.isupper(): at least one cased character, and no lower-case or title-case one. */
    static boolean isUpper(String word) {
        boolean cased = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) return false;
            if (Character.isUpperCase(cp)) cased = true;
            i += Character.charCount(cp);
        }
        return cased;
    }

    private boolean allCapDifferential(String[] words) {
        int upper = 0;
        for (String word : words) if (upper(word)) upper++;
        int differential = words.length - upper;
        return differential > 0 && differential < words.length;
    }

    private boolean upper(String word) {
        return npm ? npmIsUpper(word) : isUpper(word);
    }

    /** The npm port's stand-in for str.isupper: some ASCII capital and no ASCII small letter. */
    static boolean npmIsUpper(String word) {
        boolean capital = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') return false;
            if (c >= 'A' && c <= 'Z') capital = true;
        }
        return capital;
    }

    /** Whitespace as JavaScript's {@code \s} understands it. */
    private static boolean isJsSpace(char c) {
        return (c >= 0x09 && c <= 0x0D)
                || c == 0x20
                || c == 0xA0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000
                || c == 0xFEFF;
    }

    private static List<String> npmSplit(String text) {
        var parts = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isJsSpace(text.charAt(i))) {
                if (i - start > 1) parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** The npm port's tokens: see {@link Edition#NPM_1_1_3}. */
    static List<String> npmTokens(String text) {
        var bare = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) bare.append(c);
        }
        var words = new java.util.HashSet<>(npmSplit(bare.toString()));
        var tokens = npmSplit(text);
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            for (String mark : NPM_MARKS) {
                if (token.length() <= mark.length()) continue;
                if (token.startsWith(mark) && words.contains(token.substring(mark.length()))) {
                    tokens.set(t, token.substring(mark.length()));
                    break;
                }
                if (token.endsWith(mark) && words.contains(token.substring(0, token.length() - mark.length()))) {
                    tokens.set(t, token.substring(0, token.length() - mark.length()));
                    break;
                }
            }
        }
        return tokens;
    }

    private static boolean npmNegated(String word) {
        return NEGATE.contains(word) || word.contains("n't");
    }

    private static double npmNegationCheck(double valence, String[] words, int start, int i) {
        if (start == 0) {
            if (npmNegated(words[i - 1])) valence = valence * N_SCALAR;
        } else if (start == 1) {
            if (words[i - 2].equals("never") && (words[i - 1].equals("so") || words[i - 1].equals("this"))) {
                valence = valence * 1.5;
            } else if (npmNegated(words[i - 2])) {
                valence = valence * N_SCALAR;
            }
        } else {
            if ((words[i - 3].equals("never") && (words[i - 2].equals("so") || words[i - 2].equals("this")))
                    || (words[i - 1].equals("so") || words[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (npmNegated(words[i - 3])) {
                valence = valence * N_SCALAR;
            }
        }
        return valence;
    }

    private static double npmIdiomsCheck(double valence, String[] words, int i) {
        int n = words.length;
        String twoOne = words[i - 2] + " " + words[i - 1];
        String threeTwo = words[i - 3] + " " + words[i - 2];
        for (String sequence : new String[] {
            words[i - 1] + " " + words[i],
            words[i - 2] + " " + words[i - 1] + " " + words[i],
            twoOne,
            words[i - 3] + " " + words[i - 2] + " " + words[i - 1],
            threeTwo
        }) {
            Double special = NPM_SPECIAL_CASES.get(sequence);
            if (special != null) {
                valence = special;
                break;
            }
        }
        if (n - 1 > i) {
            Double special = NPM_SPECIAL_CASES.get(words[i] + " " + words[i + 1]);
            if (special != null) valence = special;
        }
        if (n - 1 > i + 1) {
            Double special = NPM_SPECIAL_CASES.get(words[i] + " " + words[i + 1] + " " + words[i + 2]);
            if (special != null) valence = special;
        }
        if (NPM_BOOSTERS.containsKey(threeTwo) || NPM_BOOSTERS.containsKey(twoOne)) valence = valence + B_DECR;
        return valence;
    }

    /** The npm port's "but": the first {@code but}, else the first {@code BUT}; by position. */
    private static void npmButCheck(String[] words, double[] sentiments) {
        int but = java.util.Arrays.asList(words).indexOf("but");
        if (but < 0) but = java.util.Arrays.asList(words).indexOf("BUT");
        if (but < 0) return;
        for (int k = 0; k < sentiments.length; k++) {
            if (k < but) sentiments[k] = sentiments[k] * 0.5;
            else if (k > but) sentiments[k] = sentiments[k] * 1.5;
        }
    }

    private static Map<String, Double> npmBoosters() {
        var map = new java.util.HashMap<String, Double>();
        for (String w : new String[] {
            "absolutely",
            "amazingly",
            "awfully",
            "completely",
            "considerably",
            "decidedly",
            "deeply",
            "effing",
            "enormously",
            "entirely",
            "especially",
            "exceptionally",
            "extremely",
            "fabulously",
            "flipping",
            "flippin",
            "fricking",
            "frickin",
            "frigging",
            "friggin",
            "fully",
            "fucking",
            "greatly",
            "hella",
            "highly",
            "hugely",
            "incredibly",
            "intensely",
            "majorly",
            "more",
            "most",
            "particularly",
            "purely",
            "quite",
            "really",
            "remarkably",
            "so",
            "substantially",
            "thoroughly",
            "totally",
            "tremendously",
            "uber",
            "unbelievably",
            "unusually",
            "utterly",
            "very"
        }) map.put(w, B_INCR);
        for (String w : new String[] {
            "almost",
            "barely",
            "hardly",
            "just enough",
            "kind of",
            "kinda",
            "kindof",
            "kind-of",
            "less",
            "little",
            "marginally",
            "occasionally",
            "partly",
            "scarcely",
            "slightly",
            "somewhat",
            "sort of",
            "sorta",
            "sortof",
            "sort-of"
        }) map.put(w, B_DECR);
        return Map.copyOf(map);
    }

    private static Map<String, Double> boosters() {
        var map = new java.util.HashMap<String, Double>();
        for (String w : new String[] {
            "absolutely",
            "amazingly",
            "awfully",
            "completely",
            "considerable",
            "considerably",
            "decidedly",
            "deeply",
            "effing",
            "enormous",
            "enormously",
            "entirely",
            "especially",
            "exceptional",
            "exceptionally",
            "extreme",
            "extremely",
            "fabulously",
            "flipping",
            "flippin",
            "frackin",
            "fracking",
            "fricking",
            "frickin",
            "frigging",
            "friggin",
            "fully",
            "fuckin",
            "fucking",
            "fuggin",
            "fugging",
            "greatly",
            "hella",
            "highly",
            "hugely",
            "incredible",
            "incredibly",
            "intensely",
            "major",
            "majorly",
            "more",
            "most",
            "particularly",
            "purely",
            "quite",
            "really",
            "remarkably",
            "so",
            "substantially",
            "thoroughly",
            "total",
            "totally",
            "tremendous",
            "tremendously",
            "uber",
            "unbelievably",
            "unusually",
            "utter",
            "utterly",
            "very"
        }) map.put(w, B_INCR);
        for (String w : new String[] {
            "almost",
            "barely",
            "hardly",
            "just enough",
            "kind of",
            "kinda",
            "kindof",
            "kind-of",
            "less",
            "little",
            "marginal",
            "marginally",
            "occasional",
            "occasionally",
            "partly",
            "scarce",
            "scarcely",
            "slight",
            "slightly",
            "somewhat",
            "sort of",
            "sorta",
            "sortof",
            "sort-of"
        }) map.put(w, B_DECR);
        return Map.copyOf(map);
    }
}
