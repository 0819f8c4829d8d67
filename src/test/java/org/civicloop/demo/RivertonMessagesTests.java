package org.civicloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicloop.cases.CaseStatus;
import org.civicloop.demo.RivertonCity.Offering;
import org.civicloop.demo.RivertonMessages.Plan;
import org.civicloop.demo.RivertonMessages.PlannedCase;
import org.civicloop.demo.RivertonMessages.PlannedMessage;
import org.civicloop.demo.RivertonMessages.Step;
import org.civicloop.demo.RivertonMessages.Transition;
import org.civicloop.demo.RivertonTexts.Kind;
import org.civicloop.demo.RivertonTexts.Template;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;

class RivertonMessagesTests {

    private static final Instant NOW = Instant.parse("2026-11-25T15:30:00Z");
    private static final Plan CITY = RivertonMessages.plan(20261125L, 2000, 60, NOW);

    private static Set<String> serviceCodes() {
        return RivertonCity.SERVICES.stream().map(Offering::code).collect(Collectors.toSet());
    }

    @Test
    void templatesLoadInEnglishAndSpanish() {
        assertThat(RivertonTexts.templates("en")).hasSizeGreaterThanOrEqualTo(120);
        assertThat(RivertonTexts.templates("es")).hasSizeGreaterThanOrEqualTo(50);
        assertThat(RivertonTexts.templates()).extracting(Template::language).containsOnly("en", "es");
        for (Kind kind : Kind.values()) {
            for (String language : RivertonTexts.LANGUAGES) {
                assertThat(RivertonTexts.templates(language))
                        .as("%s templates in %s", kind, language)
                        .anyMatch(t -> t.kind() == kind);
            }
        }
    }

    @Test
    void everyTemplateIsForAKnownRivertonService() {
        assertThat(RivertonTexts.templates()).extracting(Template::serviceCode).allMatch(serviceCodes()::contains);
        assertThat(RivertonTexts.notes())
                .allMatch(n -> n.serviceCode().equals("*") || serviceCodes().contains(n.serviceCode()));
    }

    @Test
    void everyPlaceholderIsOneTheGeneratorFills() {
        for (Template t : RivertonTexts.templates()) {
            assertThat(RivertonTexts.PLACEHOLDERS).as(t.text()).containsAll(RivertonTexts.placeholders(t.text()));
        }
        for (RivertonTexts.Note n : RivertonTexts.notes()) {
            assertThat(Set.of("street", "day", "count")).as(n.text()).containsAll(RivertonTexts.placeholders(n.text()));
        }
    }

    @Test
    void generatedTextsHaveNoPlaceholderLeft() {
        for (PlannedMessage m : CITY.messages()) {
            assertThat(m.message().text()).doesNotContain("{", "}").isNotBlank();
        }
        for (PlannedCase c : CITY.cases()) {
            for (Transition t : c.transitions()) {
                if (t.publicNote() != null) assertThat(t.publicNote()).doesNotContain("{", "}");
                if (t.internalNote() != null) assertThat(t.internalNote()).doesNotContain("{", "}");
            }
        }
    }

    @Test
    void everyServiceResidentsReportCanBeWrittenInBothLanguagesOnAnyChannel() {
        for (Offering o : RivertonCity.SERVICES) {
            if (o.weight() == 0) continue;
            for (String language : RivertonTexts.LANGUAGES) {
                assertThat(RivertonTexts.templates(language))
                        .as("a report of %s in %s", o.code(), language)
                        .anyMatch(t -> t.serviceCode().equals(o.code()) && t.kind() == Kind.REPORT && t.anyChannel());
            }
        }
        for (String status : List.of("acknowledged", "assigned", "in_progress", "resolved", "closed", "reopened")) {
            for (String audience : List.of("en", "es", "internal")) {
                assertThat(RivertonTexts.notes())
                        .as("a note for %s (%s)", status, audience)
                        .anyMatch(n -> n.status().equals(status)
                                && n.serviceCode().equals("*")
                                && n.audience().equals(audience));
            }
        }
    }

    @Test
    void theSameSeedMakesTheSameCity() {
        Plan again = RivertonMessages.plan(20261125L, 2000, 60, NOW);
        assertThat(again).isEqualTo(CITY);
        Plan other = RivertonMessages.plan(42L, 2000, 60, NOW);
        assertThat(other.messages()).isNotEqualTo(CITY.messages());
    }

    @Test
    void messagesAreSpreadOverChannelsLanguagesAndTime() {
        List<InboundMessage> messages =
                CITY.messages().stream().map(PlannedMessage::message).toList();
        assertThat(messages).hasSize(2000);
        assertThat(messages)
                .extracting(InboundMessage::channel)
                .contains(
                        ChannelKind.WEB,
                        ChannelKind.EMAIL,
                        ChannelKind.SMS,
                        ChannelKind.MASTODON,
                        ChannelKind.BLUESKY,
                        ChannelKind.OPEN311,
                        ChannelKind.PHONE);
        long spanish = messages.stream().filter(m -> m.language().equals("es")).count();
        assertThat(spanish).isBetween(250L, 550L);
        assertThat(messages).extracting(InboundMessage::externalId).doesNotHaveDuplicates();
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.postedAt()).isBetween(NOW.minus(Duration.ofDays(60)), NOW);
            assertThat(m.contact())
                    .as("demo residents leave no contact details")
                    .isNull();
            assertThat(m.media()).isEmpty();
        });
        assertThat(CITY.messages())
                .allSatisfy(m -> assertThat(m.receivedAt())
                        .isAfterOrEqualTo(m.message().postedAt())
                        .isBefore(NOW));
        assertThat(messages)
                .filteredOn(m -> m.channel() == ChannelKind.EMAIL)
                .allMatch(m -> m.authorHandle().endsWith("@example.org")
                        || m.authorHandle().endsWith("@example.com"));
        assertThat(messages)
                .filteredOn(m -> m.channel() == ChannelKind.MASTODON)
                .allMatch(m -> m.authorHandle().matches("@[a-z0-9_.]+@mastodon\\.social"));
        assertThat(messages)
                .filteredOn(m -> m.channel() == ChannelKind.BLUESKY)
                .allMatch(m -> m.authorHandle().endsWith(".bsky.social"));
        assertThat(messages)
                .filteredOn(m -> m.channel() == ChannelKind.SMS)
                .allMatch(m -> m.authorHandle().matches("\\+1 860-555-01\\d\\d"));
        long located = messages.stream().filter(m -> m.location() != null).count();
        assertThat(located).isBetween(300L, 1500L);
        // busier in the day than at night
        long night = messages.stream()
                .filter(m -> m.postedAt().atZone(RivertonCity.ZONE).getHour() < 6)
                .count();
        assertThat(night).isPositive().isLessThan(200);
    }

    @Test
    void mostServiceRequestsBecomeCasesAndDuplicatesShareOne() {
        long requests = CITY.messages().stream()
                .filter(m -> m.kind().isServiceRequest())
                .count();
        long inCases =
                CITY.cases().stream().mapToInt(PlannedCase::reporterCount).sum();
        assertThat((double) inCases / requests).isBetween(0.55, 0.8);
        assertThat(CITY.cases()).anyMatch(c -> c.reporterCount() > 1);
        assertThat(CITY.cases()).extracting(PlannedCase::finalStatus).containsAll(EnumSet.allOf(CaseStatus.class));
        Set<Integer> reporting = new HashSet<>();
        for (PlannedCase c : CITY.cases()) {
            for (int m : c.openingReporters()) assertThat(reporting.add(m)).isTrue();
            for (var a : c.laterReporters())
                assertThat(reporting.add(a.message())).isTrue();
        }
        assertThat(reporting)
                .allMatch(m -> CITY.messages().get(m).kind().isServiceRequest())
                .allMatch(m ->
                        CITY.messages().get(m).serviceCode().equals(caseOf(m).serviceCode()));
    }

    @Test
    void casesMoveOnlyAsCaseStatusAllowsAndNeverIntoTheFuture() {
        Map<CaseStatus, Integer> finals = new HashMap<>();
        for (PlannedCase c : CITY.cases()) {
            CaseStatus status = CaseStatus.NEW;
            Instant last = c.openedAt();
            for (int m : c.openingReporters()) {
                assertThat(CITY.messages().get(m).receivedAt()).isBefore(c.openedAt());
            }
            for (Transition t : c.transitions()) {
                assertThat(status.canMoveTo(t.status()))
                        .as("%s -> %s", status, t.status())
                        .isTrue();
                assertThat(t.at()).isAfter(last).isBefore(NOW);
                status = t.status();
                last = t.at();
            }
            finals.merge(status, 1, Integer::sum);
        }
        // older cases are mostly closed, the newest ones mostly new or acknowledged
        List<PlannedCase> byAge = CITY.cases();
        long oldClosed = byAge.subList(0, byAge.size() / 3).stream()
                .filter(c -> c.finalStatus() == CaseStatus.CLOSED)
                .count();
        assertThat(oldClosed).isGreaterThan(byAge.size() / 6);
        assertThat(finals.get(CaseStatus.NEW)).isPositive();
    }

    @Test
    void stepsHappenInOrderAndBeforeNow() {
        List<Step> steps = CITY.steps();
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).at()).isAfterOrEqualTo(steps.get(i - 1).at());
        }
        assertThat(steps.get(steps.size() - 1).at()).isBefore(NOW);
    }

    @Test
    void rivertonHasStreetsInAHandfulOfNeighbourhoods() {
        var streets = RivertonCity.streets();
        assertThat(streets).hasSizeGreaterThanOrEqualTo(55);
        assertThat(streets.stream().map(RivertonCity.Street::neighbourhood).distinct())
                .hasSizeBetween(6, 8);
        assertThat(streets).allSatisfy(s -> {
            assertThat(s.latitude()).isBetween(41.65, 41.75);
            assertThat(s.longitude()).isBetween(-72.95, -72.85);
        });
    }

    private static PlannedCase caseOf(int message) {
        return CITY.cases().stream()
                .filter(c -> c.openingReporters().contains(message)
                        || c.laterReporters().stream().anyMatch(a -> a.message() == message))
                .findFirst()
                .orElseThrow();
    }
}
