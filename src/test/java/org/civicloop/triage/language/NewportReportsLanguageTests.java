package org.civicloop.triage.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.civicloop.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Every report of {@code triage/newport-311-dev.csv} is written in English (read by hand): those
 * of at least five words must all be identified as English; of the shorter ones, the few that
 * are not ("No sticker", "Debris on Chastellux.") come with a low confidence.
 */
class NewportReportsLanguageTests {

    @Test
    void englishReportsAreEnglish() throws Exception {
        var identifier = new LanguageIdentifier();
        var wrongLong = new ArrayList<String>();
        var wrongShort = new ArrayList<DetectedLanguage>();
        int longReports = 0;
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (var parser =
                CSVParser.parse(SharedData.path("triage/newport-311-dev.csv"), StandardCharsets.UTF_8, format)) {
            for (var record : parser) {
                String text = record.get("text");
                var detected = identifier.identify(text);
                if (LanguageText.words(text) >= 5) {
                    longReports++;
                    if (!detected.code().equals("en")) wrongLong.add(record.get("id") + " " + detected);
                } else if (!detected.code().equals("en")) {
                    wrongShort.add(detected);
                }
            }
        }
        assertThat(longReports).isGreaterThan(350);
        assertThat(wrongLong).isEmpty();
        assertThat(wrongShort)
                .hasSizeLessThanOrEqualTo(6)
                .allSatisfy(d -> assertThat(d.confidence()).isLessThan(0.1));
    }
}
