package org.civicloop.triage.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The language of a resident's text, by Lingua's n-gram models restricted to the city's
 * languages. The models are loaded once, on first use (a few seconds and ~130 MB of heap for
 * twelve languages); after that the identifier is safe to share between threads.
 *
 * <p>Text is first reduced to what says something about its language ({@link LanguageText}); what
 * has no letters left, or fewer than {@link #MINIMUM_LETTERS}, is {@code und}, and so is text
 * Lingua cannot tell apart between two configured languages.
 *
 * <p>One rule corrects Lingua: Tagalog is answered only when the text has at least one Tagalog
 * function word ({@link TagalogMarkers}); otherwise the runner-up is. Lingua's Tagalog model,
 * trained on text full of English loans, otherwise claims English posts about Philippine places
 * ("Marikina River Water Level is still rising").
 *
 * <p>The confidence is the relative distance between the best language and the runner-up in
 * Lingua's scores: near 0 for a toss-up, 1 when only one language was possible (e.g. Hangul).
 */
public final class LanguageIdentifier {

    /** The languages a city hears most, when none are configured. */
    public static final List<String> DEFAULT_LANGUAGES =
            List.of("en", "es", "zh", "vi", "fr", "pt", "it", "de", "tl", "ar", "ko", "ru");

    /** Below this letter weight ({@link LanguageText#letterWeight}) a text is {@code und}. */
    public static final int MINIMUM_LETTERS = 3;

    private final Set<Language> languages;
    private final boolean lowAccuracy;
    private volatile LanguageDetector detector;

    /**
     * @param codes ISO 639-1 codes of the languages to tell apart (at least two)
     * @param lowAccuracy Lingua's low-accuracy mode: trigrams only, faster and smaller, worse on
     *     short text
     */
    public LanguageIdentifier(Collection<String> codes, boolean lowAccuracy) {
        this.languages = languagesOf(codes);
        this.lowAccuracy = lowAccuracy;
    }

    public LanguageIdentifier() {
        this(DEFAULT_LANGUAGES, false);
    }

    /** The configured languages as ISO 639-1 codes, sorted. */
    public Set<String> languages() {
        var codes = new TreeSet<String>();
        languages.forEach(l -> codes.add(codeOf(l)));
        return codes;
    }

    public boolean lowAccuracy() {
        return lowAccuracy;
    }

    /** The language of {@code text}, or {@link DetectedLanguage#UNDETERMINED}. */
    public DetectedLanguage identify(String text) {
        String cleaned = LanguageText.clean(text);
        if (LanguageText.letterWeight(cleaned) < MINIMUM_LETTERS) return DetectedLanguage.UNDETERMINED;
        Map<Language, Double> values = detector().computeLanguageConfidenceValues(cleaned);
        // Lingua's values are relative: the best language has 1.0, the others less
        var ranked = values.entrySet().stream()
                .filter(e -> e.getKey() != Language.UNKNOWN && e.getValue() > 0)
                .sorted(Map.Entry.<Language, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (ranked.size() > 1 && ranked.get(0) == Language.TAGALOG && !TagalogMarkers.present(cleaned)) {
            ranked.remove(0);
        }
        if (ranked.isEmpty()) return DetectedLanguage.UNDETERMINED;
        double top = values.get(ranked.get(0));
        double second = ranked.size() > 1 ? values.get(ranked.get(1)) : 0;
        if (top <= 0 || top == second) return DetectedLanguage.UNDETERMINED;
        // confidence: the relative distance to the runner-up (0: a toss-up; 1: no other candidate)
        double confidence = Math.max(0, Math.min(1, (top - second) / top));
        return new DetectedLanguage(codeOf(ranked.get(0)), confidence);
    }

    /** Loads the models now rather than on the first message (e.g. at start-up or before a benchmark). */
    public void warmUp() {
        detector();
    }

    private LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    var builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new))
                            .withPreloadedLanguageModels();
                    if (lowAccuracy) builder = builder.withLowAccuracyMode();
                    d = builder.build();
                    detector = d;
                }
            }
        }
        return d;
    }

    static String codeOf(Language language) {
        return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    static Set<Language> languagesOf(Collection<String> codes) {
        var set = EnumSet.noneOf(Language.class);
        for (String raw : codes) {
            String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) continue;
            IsoCode639_1 iso;
            try {
                iso = IsoCode639_1.valueOf(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an ISO 639-1 language Lingua knows: " + raw);
            }
            Language language = Language.getByIsoCode639_1(iso);
            if (language == Language.UNKNOWN)
                throw new IllegalArgumentException("not an ISO 639-1 language Lingua knows: " + raw);
            set.add(language);
        }
        if (set.size() < 2) throw new IllegalArgumentException("at least two languages are needed, got " + codes);
        return set;
    }
}
