package org.civicloop.triage.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.IsoCode639_3;
import com.github.pemistahl.lingua.api.Language;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the language labels of an evaluation file as ISO 639-1 codes: two-letter codes as they
 * are, ISO 639-3 and ISO 639-2/B codes ({@code spa}, {@code eng}, {@code fil}, {@code chi}), BCP
 * 47 tags by their primary subtag ({@code en-US}, {@code zh-Hant}), English language names
 * ({@code Spanish}, {@code Filipino}) and a few names in their own language ({@code español}).
 * {@code und}, {@code unknown}, {@code mixed} and anything else unknown are answered lower-cased
 * as they are: no detector output can match them, so they count as misses.
 */
final class LanguageLabels {

    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("filipino", "tl"),
            Map.entry("fil", "tl"),
            Map.entry("tagalog", "tl"),
            Map.entry("mandarin", "zh"),
            Map.entry("cantonese", "zh"),
            Map.entry("cmn", "zh"),
            Map.entry("yue", "zh"),
            Map.entry("chi", "zh"),
            Map.entry("ger", "de"),
            Map.entry("fre", "fr"),
            Map.entry("español", "es"),
            Map.entry("castellano", "es"),
            Map.entry("français", "fr"),
            Map.entry("português", "pt"),
            Map.entry("italiano", "it"),
            Map.entry("deutsch", "de"),
            Map.entry("tiếng việt", "vi"),
            Map.entry("中文", "zh"),
            Map.entry("한국어", "ko"),
            Map.entry("русский", "ru"),
            Map.entry("العربية", "ar"));

    private LanguageLabels() {}

    static String normalize(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (OTHER_NAMES.containsKey(l)) return OTHER_NAMES.get(l);
        String primary = l.contains("-") ? l.substring(0, l.indexOf('-')) : l;
        if (OTHER_NAMES.containsKey(primary)) return OTHER_NAMES.get(primary);
        if (primary.length() == 2) {
            try {
                IsoCode639_1.valueOf(primary.toUpperCase(Locale.ROOT));
                return primary;
            } catch (IllegalArgumentException e) {
                return l;
            }
        }
        if (primary.length() == 3) {
            try {
                var language = Language.getByIsoCode639_3(IsoCode639_3.valueOf(primary.toUpperCase(Locale.ROOT)));
                if (language != Language.UNKNOWN) return LanguageIdentifier.codeOf(language);
            } catch (IllegalArgumentException e) {
                // not a code Lingua knows: a name perhaps
            }
        }
        try {
            var language = Language.valueOf(l.toUpperCase(Locale.ROOT).replace(' ', '_'));
            if (language != Language.UNKNOWN) return LanguageIdentifier.codeOf(language);
        } catch (IllegalArgumentException e) {
            // unknown: kept as it is
        }
        return l;
    }
}
