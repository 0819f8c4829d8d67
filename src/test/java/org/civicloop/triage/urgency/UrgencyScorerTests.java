package org.civicloop.triage.urgency;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicloop.cases.CasePriority;
import org.civicloop.triage.kind.Kind;
import org.junit.jupiter.api.Test;

class UrgencyScorerTests {

    final UrgencyScorer scorer = new UrgencyScorer();

    UrgencyScorer.Urgency score(Kind kind, String service, String text, int reporters) {
        return scorer.score(new UrgencyScorer.Input(kind, service, text, reporters));
    }

    @Test
    void aHurtChildAtADangerousHoleComesBeforeGraffitiOnAFence() {
        var hole = score(Kind.SERVICE_REQUEST, "pothole", "Child hurt, dangerous hole on Elm St", 1);
        var graffiti = score(Kind.SERVICE_REQUEST, "graffiti", "Graffiti on the fence behind the school yard", 1);
        assertThat(hole.score()).isGreaterThan(graffiti.score());
        assertThat(hole.priority()).isEqualTo(CasePriority.URGENT);
        assertThat(graffiti.priority()).isEqualTo(CasePriority.NORMAL);
        assertThat(hole.reasons())
                .extracting(UrgencyScorer.Reason::code)
                .containsExactly("kind", "service", "danger", "vulnerable", "injury");
        // the reasons explain every point
        assertThat(hole.reasons().stream()
                        .mapToInt(UrgencyScorer.Reason::points)
                        .sum())
                .isEqualTo(hole.score());
    }

    @Test
    void spanishWordsCountTheSameWithOrWithoutAccents() {
        var es = score(Kind.SERVICE_REQUEST, null, "Un niño se lastimó, el hoyo es muy peligroso", 1);
        var noAccents = score(Kind.SERVICE_REQUEST, null, "UN NINO SE LASTIMO, EL HOYO ES MUY PELIGROSO", 1);
        var en = score(Kind.SERVICE_REQUEST, null, "A kid got hurt, the hole is very dangerous", 1);
        assertThat(es.score()).isEqualTo(noAccents.score()).isEqualTo(en.score());
        assertThat(es.reasons()).extracting(UrgencyScorer.Reason::code).contains("danger", "vulnerable", "injury");
        var blocked = score(Kind.SERVICE_REQUEST, null, "Urgente: la calle está bloqueada y no podemos salir", 1);
        var plain = score(Kind.SERVICE_REQUEST, null, "La calle tiene un bache", 1);
        assertThat(blocked.score()).isGreaterThan(plain.score());
    }

    @Test
    void emergenciesAreUrgentAndPraiseIsLow() {
        var gas = score(Kind.EMERGENCY, null, "I smell gas near the library on Elm", 1);
        assertThat(gas.priority()).isEqualTo(CasePriority.URGENT);
        assertThat(gas.score()).isGreaterThanOrEqualTo(90);
        var thanks = score(Kind.PRAISE, null, "Thank you for fixing the light", 1);
        assertThat(thanks.priority()).isEqualTo(CasePriority.LOW);
        assertThat(score(Kind.EMERGENCY, "water-main-break", "Child trapped, dangerous, urgent, no water", 9)
                        .score())
                .isEqualTo(100);
    }

    @Test
    void moreReportersMeanMoreUrgencyUpToALimit() {
        int one = score(Kind.SERVICE_REQUEST, "pothole", "Pothole on Main", 1).score();
        int three = score(Kind.SERVICE_REQUEST, "pothole", "Pothole on Main", 3).score();
        int fifty =
                score(Kind.SERVICE_REQUEST, "pothole", "Pothole on Main", 50).score();
        assertThat(three).isEqualTo(one + 10);
        assertThat(fifty).isEqualTo(one + 20);
    }

    @Test
    void dangerousServicesComeBeforeStreetRepairsAndThoseBeforeAppearance() {
        String text = "Please have a look";
        int water = score(Kind.SERVICE_REQUEST, "water-main-break", text, 1).score();
        int signal = score(Kind.SERVICE_REQUEST, "Traffic Signal", text, 1).score();
        int pothole = score(Kind.SERVICE_REQUEST, "pothole", text, 1).score();
        int graffiti = score(Kind.SERVICE_REQUEST, "graffiti", text, 1).score();
        assertThat(water).isEqualTo(signal).isGreaterThan(pothole);
        assertThat(pothole).isGreaterThan(graffiti);
    }

    @Test
    void spamAndOffTopicIgnoreAlarmingWords() {
        var spam = score(Kind.SPAM, null, "URGENT!!! dangerous deal for your kids, act immediately", 1);
        assertThat(spam.score()).isZero();
        assertThat(spam.priority()).isEqualTo(CasePriority.LOW);
    }

    @Test
    void aFallenTreeIsNotAnInjuryButAFallenPersonIs() {
        var tree = score(Kind.SERVICE_REQUEST, null, "A big branch fell on Cedar Lane", 1);
        var person = score(Kind.SERVICE_REQUEST, null, "My neighbor fell on the broken sidewalk", 1);
        assertThat(tree.reasons()).extracting(UrgencyScorer.Reason::code).doesNotContain("injury");
        assertThat(person.reasons()).extracting(UrgencyScorer.Reason::code).contains("injury");
    }

    @Test
    void prioritiesFollowTheScore() {
        assertThat(UrgencyScorer.priority(0)).isEqualTo(CasePriority.LOW);
        assertThat(UrgencyScorer.priority(24)).isEqualTo(CasePriority.LOW);
        assertThat(UrgencyScorer.priority(25)).isEqualTo(CasePriority.NORMAL);
        assertThat(UrgencyScorer.priority(55)).isEqualTo(CasePriority.HIGH);
        assertThat(UrgencyScorer.priority(80)).isEqualTo(CasePriority.URGENT);
    }
}
