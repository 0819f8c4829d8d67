package org.civicloop.triage.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.DuplicateKind;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules with the shipped sentence model, on reports written for the purpose. */
class DuplicateRulesTests {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final GeoPoint ELM_1234 = new GeoPoint(41.4901, -71.3128);
    /** About 60 m north-east of 1234 Elm. */
    static final GeoPoint ELM_NEARBY = new GeoPoint(41.49045, -71.31230);
    /** About 2.5 km away. */
    static final GeoPoint FAR = new GeoPoint(41.5120, -71.3050);

    static SentenceEmbeddings embeddings;
    static ServiceEstimates services;

    final DuplicateRules rules = new DuplicateRules(DuplicateSettings.defaults());
    final RecentMessages index = new RecentMessages(Duration.ofDays(14), 1000);
    final Map<MessageId, CaseId> caseOf = new HashMap<>();

    @BeforeAll
    static void model() {
        embeddings = SentenceEmbeddings.shipped();
        services = ServiceEstimates.of(
                embeddings,
                List.of(
                        new ServiceEstimates.Service(
                                "pothole", "Potholes. Holes or damage in the road surface. pothole, road, pavement"),
                        new ServiceEstimates.Service(
                                "streetlight", "Streetlights. A street light is out or flickering. light, lamp, dark"),
                        new ServiceEstimates.Service(
                                "trash", "Trash and recycling. Missed collection, overflowing bins. garbage, litter"),
                        new ServiceEstimates.Service(
                                "graffiti", "Graffiti. Graffiti or vandalism on public property. paint, tag")));
    }

    Report report(String text, GeoPoint place, Instant posted, String... authors) {
        float[] v = embeddings.embed(text);
        return new Report(
                MessageId.random(),
                posted,
                NOW,
                Set.of(authors),
                place,
                TextSignature.of(text),
                v,
                services.likeliest(v, DuplicateSettings.defaults().serviceMargin()));
    }

    DuplicateRules.Decision decide(Report message, List<OpenCaseView> cases) {
        var d = rules.decide(
                message,
                index.all(),
                index.nearCandidates(message.text()),
                cases,
                id -> Optional.ofNullable(caseOf.get(id)));
        index.add(message);
        if (d.action() == DuplicateAction.LINKED) caseOf.put(message.id(), d.caseId()); // as the detector attaches it
        return d;
    }

    OpenCaseView potholeCase(CaseId id, GeoPoint place, Instant opened) {
        return new OpenCaseView(
                id,
                "pothole",
                place,
                opened,
                opened,
                embeddings.embed("Pothole on Elm Street. Deep pothole at 1234 Elm"));
    }

    @Test
    void reportsOfTheSamePotholeInOtherWordsNearbyAreLinkedToItsCase() {
        var pothole = CaseId.random();
        var cases = List.of(potholeCase(pothole, ELM_1234, NOW.minus(Duration.ofDays(2))));
        var web = decide(
                report("Large pothole on Elm Street in front of number 1234, it damaged my tire", ELM_1234, NOW, "a"),
                cases);
        var sms = decide(
                report("There's a deep pothole at 1234 Elm St, cars swerve around it", ELM_NEARBY, NOW, "b"), cases);
        var post = decide(
                report("Road damage: a big crater in the pavement outside 1234 Elm Street", ELM_NEARBY, NOW, "c"),
                cases);
        for (var d : List.of(web, sms, post)) {
            assertThat(d.action()).isEqualTo(DuplicateAction.LINKED);
            assertThat(d.caseId()).isEqualTo(pothole);
            assertThat(d.distanceMeters()).isLessThan(150);
        }
    }

    @Test
    void anotherProblemAtTheSamePlaceOrTheSameOneFarAwayOrLongAgoIsNotLinked() {
        var pothole = CaseId.random();
        var cases = List.of(potholeCase(pothole, ELM_1234, NOW));
        var light = decide(
                report("The streetlight in front of 1234 Elm Street has been out for a week", ELM_1234, NOW, "a"),
                cases);
        assertThat(light.caseId()).isNull();
        var far = decide(
                report("Deep pothole on Elm Street, please fix it before someone gets hurt", FAR, NOW, "b"), cases);
        assertThat(far.caseId()).isNull();
        var old = decide(
                report(
                        "Deep pothole on Elm Street near 1234, please fix it",
                        ELM_1234,
                        NOW.minus(Duration.ofDays(40)),
                        "c"),
                cases);
        assertThat(old.caseId()).isNull();
        assertThat(List.of(light, far, old)).allMatch(d -> d.action() != DuplicateAction.LINKED);
    }

    @Test
    void withoutAPlaceAMatchIsOnlySuggested() {
        var pothole = CaseId.random();
        var d = decide(
                report("Deep pothole at 1234 Elm Street, please repair it", null, NOW, "a"),
                List.of(potholeCase(pothole, ELM_1234, NOW)));
        assertThat(d.action()).isEqualTo(DuplicateAction.SUGGESTED);
        assertThat(d.caseId()).isEqualTo(pothole);
    }

    @Test
    void aResidentsOwnRepeatIsRecognisedAndNotCountedAsAnotherReporter() {
        var pothole = CaseId.random();
        var cases = List.of(potholeCase(pothole, ELM_1234, NOW));
        var first = report("Large pothole on Elm Street in front of number 1234", ELM_1234, NOW, "sms:+14015550100");
        assertThat(decide(first, cases).action()).isEqualTo(DuplicateAction.LINKED);
        caseOf.put(first.id(), pothole);
        var again = decide(
                report(
                        "Still a big pothole in front of 1234 Elm Street, when will you fix it??",
                        ELM_NEARBY,
                        NOW.plus(Duration.ofDays(3)),
                        "sms:+14015550100"),
                cases);
        assertThat(again.kind()).isEqualTo(DuplicateKind.REPEAT);
        assertThat(again.matchedMessage()).isEqualTo(first.id());
        assertThat(again.caseId()).isEqualTo(pothole);
        assertThat(again.action()).isEqualTo(DuplicateAction.NONE);
        // the same resident writing about something else is no repeat
        var other =
                decide(report("Graffiti all over the library wall on Elm", ELM_1234, NOW, "sms:+14015550100"), cases);
        assertThat(other.kind()).isNotEqualTo(DuplicateKind.REPEAT);
    }

    @Test
    void recentMessagesOfOneThemeThatNoCaseCoversAreGrouped() {
        var first = report("Trash cans overflowing at the bus stop on Park Avenue, garbage everywhere", ELM_1234, NOW);
        assertThat(decide(first, List.of()).action()).isEqualTo(DuplicateAction.NONE);
        var second = decide(
                report("The garbage bins at the Park Avenue bus stop are overflowing again", ELM_NEARBY, NOW),
                List.of());
        assertThat(second.action()).isEqualTo(DuplicateAction.GROUPED);
        assertThat(second.matchedMessage()).isEqualTo(first.id());
        var copy = decide(
                report("trash cans overflowing at the bus stop on park avenue garbage everywhere!!", null, NOW),
                List.of());
        assertThat(copy.kind()).isEqualTo(DuplicateKind.EXACT);
        assertThat(copy.action()).isEqualTo(DuplicateAction.GROUPED);
    }

    @Test
    void theIndexIsBoundedAndForgetsWhatArrivedBeforeTheWindow() {
        var small = new RecentMessages(Duration.ofDays(14), 2);
        var a = report("one", null, NOW);
        var b = report("two", null, NOW);
        var c = report("three", null, NOW);
        small.add(a);
        small.add(b);
        small.add(c);
        assertThat(small.ids()).containsExactly(b.id(), c.id());
        assertThat(small.nearCandidates(a.text())).isEmpty();
        assertThat(small.nearCandidates(c.text())).containsExactly(c.id());
        small.expire(NOW.plus(Duration.ofDays(15)));
        assertThat(small.size()).isZero();
    }
}
