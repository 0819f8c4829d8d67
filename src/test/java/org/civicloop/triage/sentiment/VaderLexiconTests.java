package org.civicloop.triage.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import org.civicloop.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The lexicon CivicLoop builds (the Maven Central edition plus our amendments) is, token by token
 * and valence by valence, the vaderSentiment 3.3.2 lexicon kept in the shared data.
 */
class VaderLexiconTests {

    @Test
    void shippedLexiconIsTheReferenceLexicon() throws Exception {
        var reference = new HashMap<String, Double>();
        for (String line : Files.readAllLines(SharedData.path("sentiment/vader-lexicon.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] fields = line.strip().split("\t");
            reference.put(fields[0], Double.parseDouble(fields[1]));
        }
        var shipped = VaderLexicon.shipped().valences();
        assertThat(reference).hasSizeGreaterThan(7000);
        assertThat(shipped).containsExactlyInAnyOrderEntriesOf(reference);
    }

    @Test
    void emojiAreSingleCodePointsWithTheirWords() {
        var emoji = VaderLexicon.shipped().emoji();
        assertThat(emoji).containsEntry("😁".codePointAt(0), "beaming face with smiling eyes");
        assertThat(emoji).containsEntry("💔".codePointAt(0), "broken heart");
        assertThat(emoji.keySet()).allMatch(cp -> cp >= 0x80, "no ASCII character is translated");
    }
}
