package org.civicloop.triage.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicloop.testing.SharedData;
import org.civicloop.triage.eval.CorrelationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VADER's own tweet corpus (4,200 tweets, each with the mean of 20 human ratings, shared data):
 * the scorer follows the humans as VADER does, and agrees with the npm port {@code vader-sentiment}
 * 1.1.3 wherever that port applies the rules of the 3.3.2 reference (scores in the test resource
 * {@code vader-tweets-gold.npm-reference.tsv}, made once by {@code scripts/vader-reference}).
 */
class VaderTweetsGoldTests {

    record Tweet(String id, double human, String text) {}

    static List<Tweet> tweets;
    static Map<String, Double> npm;

    @BeforeAll
    static void read() throws IOException {
        tweets = new ArrayList<>();
        for (String line :
                Files.readAllLines(SharedData.path("sentiment/vader-tweets-gold.tsv"), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            int a = line.indexOf('\t'), b = line.indexOf('\t', a + 1);
            tweets.add(new Tweet(
                    line.substring(0, a), Double.parseDouble(line.substring(a + 1, b)), line.substring(b + 1)));
        }
        npm = new HashMap<>();
        try (InputStream in = VaderTweetsGoldTests.class.getResourceAsStream("vader-tweets-gold.npm-reference.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] fields = line.split("\t");
                npm.put(fields[0], Double.parseDouble(fields[1]));
            }
        }
    }

    @Test
    void followsTheHumanRatings() {
        var scorer = SentimentScorer.standard();
        var report = new CorrelationReport();
        for (Tweet tweet : tweets)
            report.add(tweet.human(), scorer.score(tweet.text()).compound());
        assertThat(report.size()).isEqualTo(4200);
        // 0.872 with the 3.3.2 rules; the npm port (older rules) reaches 0.879, the 2014 paper 0.881
        assertThat(report.pearson()).isGreaterThanOrEqualTo(0.87);
    }

    @Test
    void withTheNpmPortsOlderRulesGivesExactlyTheNpmPortsScores() {
        // The same scorer with the listed rule differences switched to the npm port's: the whole
        // gap of the next test is accounted for by those differences.
        var scorer = NpmPort.scorer();
        var differing = new ArrayList<String>();
        for (Tweet tweet : tweets) {
            double ours = scorer.score(tweet.text()).compound(), theirs = npm.get(tweet.id());
            if (Math.abs(ours - theirs) > 0.001 + 1e-9) differing.add(tweet.id() + ": " + ours + " vs " + theirs);
        }
        assertThat((double) (tweets.size() - differing.size()) / tweets.size())
                .as("differing: %s", differing)
                .isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void agreesWithTheNpmPortAsFarAsItFollowsTheReference() {
        var scorer = SentimentScorer.standard();
        int same = 0;
        for (Tweet tweet : tweets) {
            Double theirs = npm.get(tweet.id());
            assertThat(theirs).as("reference score of tweet " + tweet.id()).isNotNull();
            if (Math.abs(scorer.score(tweet.text()).compound() - theirs) <= 0.001 + 1e-9) same++;
        }
        double share = (double) same / tweets.size();
        // The npm port implements an older edition of VADER's rules and lexicon (see
        // docs/triage-evaluation.md): case-sensitive negation and "but", fewer boosters and
        // idioms, its own punctuation stripping, no emoji. On these tweets that makes ~10 %
        // differ by more than 0.001; this bound guards against drifting further from it.
        assertThat(share).isGreaterThanOrEqualTo(0.90);
    }
}
