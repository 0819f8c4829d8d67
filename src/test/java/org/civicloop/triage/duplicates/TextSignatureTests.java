package org.civicloop.triage.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextSignatureTests {

    @Test
    void normalisingSetsAsideCaseAccentsPunctuationLinksAndMentions() {
        assertThat(TextSignature.normalise("@CityHall  Bache ENORME en la Calle Élm!!! https://t.co/x1"))
                .isEqualTo("bache enorme en la calle elm");
        var a = TextSignature.of("Pothole on Elm St. — please fix it!");
        var b = TextSignature.of("pothole on elm st please FIX it @riverton");
        assertThat(a.exactHash()).isEqualTo(b.exactHash());
        assertThat(a.estimatedJaccard(b)).isEqualTo(1.0);
        assertThat(TextSignature.of("!!! 👍").isEmpty()).isTrue();
        assertThat(TextSignature.of("!!! 👍").estimatedJaccard(TextSignature.of("!!! 👍")))
                .isZero();
    }

    /** Word-pair sets computed here from the words, independently of the class under test. */
    static Set<String> pairs(List<String> words) {
        var set = new HashSet<String>();
        for (int i = 0; i + 1 < words.size(); i++) set.add(words.get(i) + " " + words.get(i + 1));
        return set;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        var common = new HashSet<>(a);
        common.retainAll(b);
        return common.size() / (double) (a.size() + b.size() - common.size());
    }

    @Test
    void theMinHashEstimateIsCloseToTheTrueJaccardSimilarity() {
        var random = new Random(42);
        double totalError = 0;
        double worst = 0;
        int n = 300;
        for (int k = 0; k < n; k++) {
            // a text of 20-60 random words, and a copy with a share of its words replaced
            int length = 20 + random.nextInt(41);
            var first = new ArrayList<String>();
            for (int i = 0; i < length; i++) first.add("w" + random.nextInt(5000));
            var second = new ArrayList<>(first);
            double changed = random.nextDouble() * 0.6;
            for (int i = 0; i < length; i++)
                if (random.nextDouble() < changed) second.set(i, "v" + random.nextInt(5000));
            double truth = jaccard(pairs(first), pairs(second));
            var a = TextSignature.of(String.join(" ", first));
            var b = TextSignature.of(String.join(" ", second));
            assertThat(a.jaccard(b))
                    .as("exact Jaccard of the signatures' own sets")
                    .isCloseTo(truth, within(1e-9));
            double error = Math.abs(a.estimatedJaccard(b) - truth);
            totalError += error;
            worst = Math.max(worst, error);
        }
        // standard error with 128 hashes is at most 0.044; 4.5 standard errors over 300 pairs
        assertThat(totalError / n).isLessThan(0.04);
        assertThat(worst).isLessThan(0.2);
    }

    @Test
    void knownPairsAreEstimatedWithinThreeStandardErrors() {
        String base = "the streetlight on the corner of elm and third has been flickering every night for two weeks";
        String[][] pairs = {
            {base, base + " now"},
            {base, base.replace("two weeks", "a month")},
            {base, "the streetlight on the corner of elm and third is out"},
            {base, "graffiti on the library wall facing the park"},
        };
        for (String[] pair : pairs) {
            double truth = jaccard(pairs(List.of(pair[0].split(" "))), pairs(List.of(pair[1].split(" "))));
            double se = Math.sqrt(truth * (1 - truth) / TextSignature.HASHES);
            double estimate = TextSignature.of(pair[0]).estimatedJaccard(TextSignature.of(pair[1]));
            assertThat(estimate).as(pair[1]).isCloseTo(truth, within(3 * se + 0.01));
        }
    }

    @Test
    void lshBandsMakeNearTextsCandidatesAndUnrelatedTextsNot() {
        var random = new Random(7);
        int nearFound = 0, farFound = 0, trials = 200;
        for (int k = 0; k < trials; k++) {
            var words = new ArrayList<String>();
            for (int i = 0; i < 40; i++) words.add("w" + random.nextInt(5000));
            var near = new ArrayList<>(words);
            near.set(random.nextInt(40), "changed"); // about J = 0.9
            var other = new ArrayList<String>();
            for (int i = 0; i < 40; i++) other.add("w" + random.nextInt(5000));
            var a = TextSignature.of(String.join(" ", words));
            if (shareBand(a, TextSignature.of(String.join(" ", near)))) nearFound++;
            if (shareBand(a, TextSignature.of(String.join(" ", other)))) farFound++;
        }
        assertThat(nearFound).isEqualTo(trials);
        assertThat(farFound).isLessThanOrEqualTo(2);
    }

    static boolean shareBand(TextSignature a, TextSignature b) {
        var keys = new HashSet<>(a.bandKeys());
        return b.bandKeys().stream().anyMatch(keys::contains);
    }
}
