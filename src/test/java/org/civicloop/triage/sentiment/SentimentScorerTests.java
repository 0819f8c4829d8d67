package org.civicloop.triage.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known sentences with the scores of the reference implementation, vaderSentiment 3.3.2 (Python):
 * the examples its README prints with their {@code polarity_scores} output (one per rule), and the
 * two emoji-only strings of a published 3.3.2 walkthrough. Values not printed by the reference are
 * derived by hand from the rules and the lexicon, with the derivation written beside them.
 */
class SentimentScorerTests {

    private final SentimentScorer scorer = SentimentScorer.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # text                                                                              | compound | pos   | neu   | neg
            VADER is smart, handsome, and funny.                                                | 0.8316   | 0.746 | 0.254 | 0.0
            VADER is smart, handsome, and funny!                                                | 0.8439   | 0.752 | 0.248 | 0.0
            VADER is very smart, handsome, and funny.                                           | 0.8545   | 0.701 | 0.299 | 0.0
            VADER is VERY SMART, handsome, and FUNNY.                                           | 0.9227   | 0.754 | 0.246 | 0.0
            VADER is VERY SMART, handsome, and FUNNY!!!                                         | 0.9342   | 0.767 | 0.233 | 0.0
            VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                            | 0.9469   | 0.706 | 0.294 | 0.0
            VADER is not smart, handsome, nor funny.                                            | -0.7424  | 0.0   | 0.354 | 0.646
            The book was good.                                                                  | 0.4404   | 0.492 | 0.508 | 0.0
            At least it isn't a horrible book.                                                  | 0.431    | 0.322 | 0.678 | 0.0
            The book was only kind of good.                                                     | 0.3832   | 0.303 | 0.697 | 0.0
            The plot was good, but the characters are uncompelling and the dialog is not great. | -0.7042  | 0.094 | 0.579 | 0.327
            Today SUX!                                                                          | -0.5461  | 0.0   | 0.221 | 0.779
            Today only kinda sux! But I'll get by, lol                                          | 0.5249   | 0.317 | 0.556 | 0.127
            Make sure you :) or :D today!                                                       | 0.8633   | 0.706 | 0.294 | 0.0
            Catch utf-8 emoji such as such as 💘 and 💋 and 😁                                  | 0.875    | 0.385 | 0.615 | 0.0
            Not bad at all                                                                      | 0.431    | 0.487 | 0.513 | 0.0
            💕 😁 🎉                                                                              | 0.875    | 0.625 | 0.375 | 0.0
            💔 😬 🙁                                                                              | -0.3415  | 0.284 | 0.203 | 0.514
            """)
    void scoresAsTheReferencePrints(String text, double compound, double pos, double neu, double neg) {
        var sentiment = scorer.score(text);
        assertThat(sentiment.compound()).as("compound").isEqualTo(compound);
        assertThat(sentiment.positive()).as("pos").isEqualTo(pos);
        assertThat(sentiment.neutral()).as("neu").isEqualTo(neu);
        assertThat(sentiment.negative()).as("neg").isEqualTo(neg);
    }

    /** compound = s / sqrt(s² + 15) of the summed valence s, rounded to 4 places. */
    private static double compound(double sum) {
        return SentimentScorer.round(sum / Math.sqrt(sum * sum + 15), 4);
    }

    @Test
    void leastNegatesExceptInAtLeast() {
        // compelling 0.9 (lexicon); "the least compelling" → 0.9 × −0.74 (−0.1695 in the README)
        assertThat(scorer.score("Roger Dodger is one of the least compelling variations on this theme.")
                        .compound())
                .isEqualTo(compound(0.9 * -0.74))
                .isEqualTo(-0.1695);
        // "at least compelling" keeps the valence: 0.9
        assertThat(scorer.score("Roger Dodger is at least compelling as a variation on the theme.")
                        .compound())
                .isEqualTo(compound(0.9));
    }

    @Test
    void negationReachesThreeWordsBackAndNoNegatesTheNextLexiconWord() {
        // good 1.9; "not" three words back still negates, four words back no longer
        assertThat(scorer.score("not at all good").compound()).isEqualTo(compound(1.9 * -0.74));
        assertThat(scorer.score("not at all a good").compound()).isEqualTo(compound(1.9));
        // "no" before a lexicon word: "no" counts 0, the word is negated (problems −1.7 × −0.74)
        assertThat(scorer.score("no problems").compound()).isEqualTo(compound(-1.7 * -0.74));
        // "no" on its own is a lexicon word (−1.2)
        assertThat(scorer.score("no").compound()).isEqualTo(compound(-1.2));
        // capitalised negation counts too
        assertThat(scorer.score("Not good").compound()).isEqualTo(compound(1.9 * -0.74));
    }

    @Test
    void neverSoAndWithoutDoubtAmplifyInsteadOfNegating() {
        // "never so good": 1.9 × 1.25 (never 2 words back, "so" between; "so" itself boosts by 0.293)
        double neverSo = (1.9 + 0.293) * 1.25;
        assertThat(scorer.score("never so good").compound()).isEqualTo(compound(neverSo));
        // "without doubt excellent": excellent 2.7 is not negated; doubt (−1.5) is, by "without"
        assertThat(scorer.score("without doubt excellent").compound()).isEqualTo(compound(-1.5 * -0.74 + 2.7));
        // "without excellent": negated
        assertThat(scorer.score("without excellent").compound()).isEqualTo(compound(2.7 * -0.74));
    }

    @Test
    void boostersFadeWithDistanceAndCapitalsAddEmphasis() {
        // very (0.293) right before, 0.95× one word further, 0.9× two words further
        assertThat(scorer.score("very good").compound()).isEqualTo(compound(1.9 + 0.293));
        assertThat(scorer.score("very much good").compound()).isEqualTo(compound(1.9 + 0.293 * 0.95));
        assertThat(scorer.score("very much a good").compound()).isEqualTo(compound(1.9 + 0.293 * 0.9));
        // a dampener lowers a positive word: kinda −0.293
        assertThat(scorer.score("kinda good").compound()).isEqualTo(compound(1.9 - 0.293));
        // ALL CAPS word among lower-case ones: +0.733; all words in capitals: no emphasis
        assertThat(scorer.score("it is GOOD").compound()).isEqualTo(compound(1.9 + 0.733));
        assertThat(scorer.score("IT IS GOOD").compound()).isEqualTo(compound(1.9));
    }

    @Test
    void punctuationEmphasisCountsUpToFourExclamationsAndQuestionMarksFromTwo() {
        assertThat(scorer.score("good!!!!!!").compound()).isEqualTo(compound(1.9 + 4 * 0.292));
        assertThat(scorer.score("good?").compound()).isEqualTo(compound(1.9));
        assertThat(scorer.score("good??").compound()).isEqualTo(compound(1.9 + 2 * 0.18));
        assertThat(scorer.score("good?????").compound()).isEqualTo(compound(1.9 + 0.96));
    }

    @Test
    void butHalvesWhatComesBeforeAndStrengthensWhatFollows() {
        // good 1.9 before "but" ×0.5, bad −2.5 after ×1.5
        assertThat(scorer.score("good but bad").compound()).isEqualTo(compound(1.9 * 0.5 + -2.5 * 1.5));
        // the reference finds each valence by value: kind (2.4) is halved to 1.2, then yeah (1.2,
        // after "but") is looked up by value, found at kind's place and halves it again, while
        // yeah itself stays 1.2 — 0.6 + 1.2 rather than 1.2 + 1.8
        assertThat(scorer.score("kind but yeah").compound()).isEqualTo(compound(0.6 + 1.2));
    }

    @Test
    void specialCasesAndIdiomsReplaceTheWordsValence() {
        // "the shit" 3 instead of shit −2.6 (needs three words before it)
        assertThat(scorer.score("sentiment analysis is the shit").compound()).isEqualTo(compound(3));
        // "kiss of death" −1.5, for kiss (1.8) and for death (−2.9) alike
        assertThat(scorer.score("this was the kiss of death").compound()).isEqualTo(compound(-1.5 + -1.5));
        // "yeah right" −2 instead of yeah 1.2
        assertThat(scorer.score("I said oh yeah right").compound()).isEqualTo(compound(-2));
    }

    @Test
    void kindOfIsADampenerNotAWord() {
        // kind is 2.4 in the lexicon, but "kind of" is neutral and dampens a word three places on
        assertThat(scorer.score("it was kind of good").compound()).isEqualTo(compound(1.9 - 0.293));
        assertThat(scorer.score("it was kind").compound()).isEqualTo(compound(2.4));
    }

    @Test
    void emptyAndPunctuationOnlyTextsAreNeutral() {
        assertThat(scorer.score("")).isEqualTo(Sentiment.NONE);
        assertThat(scorer.score("   ")).isEqualTo(Sentiment.NONE);
        assertThat(scorer.score(null)).isEqualTo(Sentiment.NONE);
        assertThat(scorer.score("the city").compound()).isZero();
    }

    @Test
    void polarityUsesTheStandardThresholds() {
        assertThat(new Sentiment(0.05, 0, 0, 0).polarity()).isEqualTo("positive");
        assertThat(new Sentiment(0.0499, 0, 0, 0).polarity()).isEqualTo("neutral");
        assertThat(new Sentiment(-0.05, 0, 0, 0).polarity()).isEqualTo("negative");
    }

    @Test
    void tokensKeepEmoticonsAndStripPunctuationFromWords() {
        assertThat(SentimentScorer.tokens("Hello, world :) (great) ok."))
                .containsExactly("Hello", "world", ":)", "great", "ok.");
        assertThat(SentimentScorer.isUpper("SUX!")).isTrue();
        assertThat(SentimentScorer.isUpper(":)")).isFalse();
        assertThat(SentimentScorer.isUpper("Sux")).isFalse();
    }

    /**
     * Where the reference rules and the npm port's older rules part: the npm column is what
     * {@code scripts/vader-reference --lines} printed (vader-sentiment 1.1.3); the 3.3.2 column
     * follows from the rules above (e.g. "no problems" = −1.7 × −0.74 → 0.3089).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # text                                                                 | 3.3.2   | npm 1.1.3
            Not a good day                                                         | -0.3412 | 0.4404
            We lost at trivia again! But I had a lot of right answers this time.   | -0.2363 | -0.3802
            no problems                                                            | 0.3089  | -0.5994
            'Without a doubt, excellent idea.'                                     | 0.7013  | 0.296
            never so good                                                          | 0.5777  | 0.6474
            Catch utf-8 emoji such as such as 💘 and 💋 and 😁                      | 0.875   | 0.0
            I love my heart                                                        | 0.8555  | 0.6369
            @united thanks for the great flight                                    | 0.8689  | 0.7906
            This is a total disaster                                               | -0.659  | -0.6249
            """)
    void theNpmEditionReproducesTheOlderRules(String text, double reference, double npm) {
        assertThat(scorer.score(text).compound()).isEqualTo(reference);
        assertThat(NpmPort.scorer().score(text).compound()).isEqualTo(npm);
    }
}
