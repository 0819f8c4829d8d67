package org.civicloop.triage.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.Department;
import org.civicloop.cases.OpenCase;
import org.civicloop.cases.Reporter;
import org.civicloop.cases.Service;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.DuplicateKind;
import org.civicloop.triage.MessageDuplicate;
import org.civicloop.triage.TriageManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Three reports of one pothole from three channels end up on its case; another problem at the same
 * place, the same problem far away or long ago do not; a resident saying it again is a repeat.
 */
@SpringBootTest(properties = "civicloop.replies.dispatch-interval=1h")
class DuplicatesIntegrationTests {

    /** A corner no other test uses. */
    static final GeoPoint QUARRY_AND_5TH = new GeoPoint(41.50231, -71.28714);

    static final GeoPoint FORTY_METRES_AWAY = new GeoPoint(41.50260, -71.28690);
    static final GeoPoint ACROSS_TOWN = new GeoPoint(41.47650, -71.31020);

    @Autowired
    MessageManagement messages;

    @Autowired
    CaseManagement cases;

    @Autowired
    TriageManagement triage;

    @BeforeEach
    void catalogue() {
        cases.saveDepartment(new Department("public-works", "Public Works", null));
        cases.saveService(new Service(
                "pothole", "Pothole", "Holes or damage in the road surface", "public-works", 24, 120, "pothole, road"));
        cases.saveService(new Service(
                "streetlight",
                "Streetlight out",
                "A street light is out, flickering or damaged",
                "public-works",
                24,
                120,
                "light, lamp, dark"));
        cases.saveService(new Service(
                "graffiti", "Graffiti", "Graffiti or vandalism on public property", "public-works", 24, 120, "paint"));
    }

    static InboundMessage message(
            ChannelKind channel,
            String handle,
            InboundMessage.Contact contact,
            String text,
            GeoPoint place,
            Instant posted) {
        return new InboundMessage(
                channel,
                channel.code() + "-" + UUID.randomUUID(),
                handle,
                null,
                text,
                "en",
                posted,
                null,
                null,
                null,
                place,
                contact,
                List.of(),
                "{}");
    }

    @Test
    void threeReportsOfOnePotholeFromThreeChannelsEndUpOnItsCase() throws Exception {
        var pothole = cases.open(
                        new OpenCase(
                                "pothole",
                                CasePriority.NORMAL,
                                "Pothole at Quarry Lane and 5th Street",
                                "Deep pothole in the crosswalk at the corner of Quarry Lane and 5th Street",
                                "Quarry Lane & 5th St",
                                QUARRY_AND_5TH,
                                List.of()),
                        "agent")
                .id();
        Instant now = Instant.now();

        MessageId web = messages.receive(message(
                        ChannelKind.WEB,
                        null,
                        new InboundMessage.Contact("dana@example.org", null),
                        "There is a large pothole in the crosswalk at Quarry Lane and 5th, it almost broke my"
                                + " bike wheel",
                        QUARRY_AND_5TH,
                        now))
                .messageId();
        MessageId sms = messages.receive(message(
                        ChannelKind.SMS,
                        "+14015550142",
                        new InboundMessage.Contact(null, "+14015550142"),
                        "big hole in the road at quarry ln & 5th st, cars swerving to avoid it",
                        FORTY_METRES_AWAY,
                        now))
                .messageId();
        MessageId post = messages.receive(message(
                        ChannelKind.MASTODON,
                        "@lee@social.example",
                        null,
                        "@riverton The pavement at Quarry Lane / 5th Street has a deep pothole again, please"
                                + " repair it",
                        FORTY_METRES_AWAY,
                        now))
                .messageId();

        for (MessageId id : List.of(web, sms, post)) {
            MessageDuplicate found = await(id);
            assertThat(found.action()).as("message %s", id).isEqualTo(DuplicateAction.LINKED);
            assertThat(found.caseId()).isEqualTo(pothole);
            assertThat(found.distanceMeters()).isLessThan(150);
            assertThat(found.kind()).isIn(DuplicateKind.SEMANTIC, DuplicateKind.NEAR);
        }
        assertThat(cases.reporters(pothole))
                .extracting(Reporter::messageId, Reporter::channel, Reporter::attachedBy)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(web, "web", "triage"),
                        org.assertj.core.groups.Tuple.tuple(sms, "sms", "triage"),
                        org.assertj.core.groups.Tuple.tuple(post, "mastodon", "triage"));

        // another problem at the same place, the same one across town or two months ago: not on the case
        MessageId light = messages.receive(message(
                        ChannelKind.SMS,
                        "+14015550999",
                        null,
                        "The streetlight at Quarry Lane and 5th Street is out, the crosswalk is pitch dark",
                        QUARRY_AND_5TH,
                        now))
                .messageId();
        MessageId far = messages.receive(message(
                        ChannelKind.WEB,
                        null,
                        null,
                        "Large pothole in the crosswalk on 5th Street, almost broke my bike wheel",
                        ACROSS_TOWN,
                        now))
                .messageId();
        MessageId old = messages.receive(message(
                        ChannelKind.MASTODON,
                        "@kim@social.example",
                        null,
                        "Deep pothole in the crosswalk at Quarry Lane and 5th Street, please repair it",
                        QUARRY_AND_5TH,
                        now.minus(Duration.ofDays(60))))
                .messageId();
        for (MessageId id : List.of(light, far, old)) {
            MessageDuplicate found = await(id);
            assertThat(found.caseId()).as("message %s", id).isNotEqualTo(pothole);
            assertThat(cases.caseReportedBy(id)).isEmpty();
        }

        // the resident who texted says it again: their repeat, not a fourth reporter
        MessageId again = messages.receive(message(
                        ChannelKind.SMS,
                        "+14015550142",
                        new InboundMessage.Contact(null, "+1 (401) 555-0142"),
                        "still a big hole in the road at quarry and 5th!! when will it be fixed",
                        QUARRY_AND_5TH,
                        now.plus(Duration.ofMinutes(5))))
                .messageId();
        MessageDuplicate repeat = await(again);
        assertThat(repeat.kind()).isEqualTo(DuplicateKind.REPEAT);
        assertThat(repeat.matchedMessage()).isEqualTo(sms);
        assertThat(repeat.caseId()).isEqualTo(pothole);
        assertThat(repeat.action()).isEqualTo(DuplicateAction.NONE);
        assertThat(cases.reporters(pothole)).hasSize(3);

        // a retracted message leaves: its record goes
        assertThat(messages.retract(
                        ChannelKind.SMS, messages.find(again).orElseThrow().externalId(), null))
                .isTrue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (triage.duplicate(again).isPresent() && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(triage.duplicate(again)).isEmpty();
    }

    @Test
    void reportsNoCaseCoversAreGroupedAndAnUnplacedOneIsOnlySuggested() throws Exception {
        GeoPoint park = new GeoPoint(41.51877, -71.29511);
        Instant now = Instant.now();
        MessageId first = messages.receive(message(
                        ChannelKind.BLUESKY,
                        "ana.bsky.social",
                        null,
                        "Someone sprayed graffiti all over the playground slide at Cardine Park",
                        park,
                        now))
                .messageId();
        MessageId second = messages.receive(message(
                        ChannelKind.EMAIL,
                        "bo@example.org",
                        new InboundMessage.Contact("bo@example.org", null),
                        "The slide in the Cardine Park playground is covered in spray-painted graffiti",
                        park,
                        now))
                .messageId();
        assertThat(await(first).kind()).isEqualTo(DuplicateKind.NONE);
        MessageDuplicate grouped = await(second);
        assertThat(grouped.action()).isEqualTo(DuplicateAction.GROUPED);
        assertThat(grouped.matchedMessage()).isEqualTo(first);
        assertThat(triage.duplicateGroup(grouped.groupId()))
                .extracting(MessageDuplicate::messageId)
                .containsExactlyInAnyOrder(first, second);

        CaseId graffiti = cases.open(
                        new OpenCase(
                                "graffiti",
                                CasePriority.NORMAL,
                                "Graffiti on the playground slide, Cardine Park",
                                "",
                                "Cardine Park",
                                park,
                                List.of(new OpenCase.ReportingMessage(first, "bluesky"))),
                        "agent")
                .id();
        MessageId unplaced = messages.receive(message(
                        ChannelKind.X,
                        "@cy",
                        null,
                        "Graffiti sprayed on the Cardine Park playground slide, kids can't use it",
                        null,
                        now))
                .messageId();
        MessageDuplicate suggested = await(unplaced);
        assertThat(suggested.action()).isEqualTo(DuplicateAction.SUGGESTED);
        assertThat(suggested.caseId()).isEqualTo(graffiti);
        assertThat(cases.caseReportedBy(unplaced)).isEmpty();
        assertThat(triage.suggestedReporters(graffiti))
                .extracting(MessageDuplicate::messageId)
                .contains(unplaced);
    }

    /** Detection runs after the commit, asynchronously; the first message also loads the sentence model. */
    MessageDuplicate await(MessageId id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Optional<MessageDuplicate> result = triage.duplicate(id);
            if (result.isPresent()) return result.get();
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " was not checked in time");
    }
}
