package org.civicloop.triage.language;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.triage.*} settings of language identification.
 *
 * @param languages ISO 639-1 codes of the languages residents write in; each one costs about
 *     10 MB of heap, all 75 that Lingua knows about 1.3 GB
 * @param languageLowAccuracy Lingua's low-accuracy mode (trigrams only): less memory and faster,
 *     noticeably worse on short posts
 */
@ConfigurationProperties("civicloop.triage")
public record LanguageSettings(
        @DefaultValue({"en", "es", "zh", "vi", "fr", "pt", "it", "de", "tl", "ar", "ko", "ru"})
        List<String> languages,

        @DefaultValue("false") boolean languageLowAccuracy) {}
