package org.civicloop.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.civicloop.identity.AuditTrail;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageStatus;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A resident's message becomes a case, more reporters join it, and everyone hears what happened. */
@SpringBootTest
class CaseFlowIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    CaseManagement cases;

    @Autowired
    AuditTrail audit;

    @Value("${civicloop.data-dir}")
    String dataDir;

    @BeforeEach
    void catalogue() {
        cases.saveDepartment(new Department("public-works", "Public Works", null));
        cases.saveService(new Service("pothole", "Pothole", "Holes in the road", "public-works", 24, 120, "pothole"));
    }

    static InboundMessage message(ChannelKind channel, String externalId, String text, String email) {
        return new InboundMessage(
                channel,
                externalId,
                "@resident@example.social",
                null,
                text,
                "en",
                Instant.now(),
                null,
                null,
                "120 Mill St",
                null,
                email == null ? null : new InboundMessage.Contact(email, null),
                List.of(),
                "{\"id\":\"" + externalId + "\"}");
    }

    @Test
    void theSameMessageDeliveredTwiceIsStoredOnce() {
        String id = "status-" + UUID.randomUUID();
        var first = messages.receive(message(ChannelKind.MASTODON, id, "Pothole on Mill St again", null));
        var second = messages.receive(message(ChannelKind.MASTODON, id, "Pothole on Mill St again", null));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.publicReference()).isEqualTo(first.publicReference());
        // the same id on another channel is another message
        var other = messages.receive(message(ChannelKind.BLUESKY, id, "Pothole on Mill St again", null));
        assertThat(other.created()).isTrue();
    }

    @Test
    void messagesBecomeACaseThatEveryReporterCanFollow() throws Exception {
        String email = "reporter-" + UUID.randomUUID() + "@example.org";
        var web = messages.receive(
                message(ChannelKind.WEB, "web-" + UUID.randomUUID(), "Huge pothole at 120 Mill St", email));
        var sms = messages.receive(
                message(ChannelKind.SMS, "SM" + UUID.randomUUID(), "pothole mill st still there!!", null));

        Case opened = cases.open(
                new OpenCase(
                        "pothole",
                        CasePriority.HIGH,
                        "Pothole at 120 Mill St",
                        "Deep pothole",
                        "120 Mill St",
                        null,
                        List.of(new OpenCase.ReportingMessage(web.messageId(), "web"))),
                "agent");
        cases.attach(opened.id(), sms.messageId(), "sms", "agent");

        assertThat(cases.reporters(opened.id())).extracting(Reporter::channel).containsExactly("web", "sms");
        assertThat(messages.find(web.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.IN_CASE);
        assertThat(messages.find(sms.messageId()).orElseThrow().caseReference()).isEqualTo(opened.reference());
        assertThat(cases.caseReportedBy(sms.messageId())).contains(opened.id());

        // a message reports one case only
        var otherCase = cases.open(new OpenCase("pothole", null, "Another", "x", null, null, List.of()), "agent");
        assertThatThrownBy(() -> cases.attach(otherCase.id(), sms.messageId(), "sms", "agent"))
                .isInstanceOf(IllegalStateException.class);

        cases.assign(opened.id(), "Crew 4", CasePriority.URGENT, "supervisor");
        assertThat(cases.find(opened.id()).orElseThrow().assignee()).isEqualTo("Crew 4");
        cases.changeStatus(opened.id(), CaseStatus.IN_PROGRESS, "Crew scheduled for Thursday", "cold patch", "crew");
        var history = cases.history(opened.id());
        assertThat(history).extracting(CaseHistoryEntry::to).containsExactly(CaseStatus.NEW, CaseStatus.IN_PROGRESS);
        assertThat(history.get(1).publicNote()).isEqualTo("Crew scheduled for Thursday");
        assertThat(history.get(1).internalNote()).isEqualTo("cold patch");
        assertThat(cases.findByReference(opened.reference().toLowerCase())).isPresent();

        // every change is in the hash-chained audit trail
        assertThat(audit.forSubject("case", opened.reference()))
                .extracting(AuditTrail.AuditRecord::action)
                .contains("case.opened", "case.reporter_attached", "case.assigned", "case.status_changed");
        assertThat(audit.verify()).isEqualTo(-1);

        // the reporter who left an e-mail hears each step: received, in a case, the public note
        Path outbox = Path.of(dataDir, "mail-outbox");
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            try (var files = Files.list(outbox)) {
                var mails = files.map(f -> {
                            try {
                                return Files.readString(f);
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        })
                        .filter(m -> m.contains("To: " + email))
                        .toList();
                assertThat(mails).hasSize(3);
                assertThat(String.join("\n", mails))
                        .contains(web.publicReference(), opened.reference(), "Crew scheduled for Thursday")
                        .doesNotContain("cold patch");
            }
        });
    }

    @Test
    void aStatusThatCannotBeReachedIsRefusedAndNothingChanges() {
        Case c = cases.open(new OpenCase("pothole", null, "Pothole", "x", null, null, List.of()), "agent");
        cases.changeStatus(c.id(), CaseStatus.CLOSED, null, null, "agent");
        assertThatThrownBy(() -> cases.changeStatus(c.id(), CaseStatus.RESOLVED, null, null, "agent"))
                .isInstanceOf(IllegalCaseTransitionException.class);
        assertThat(cases.find(c.id()).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(cases.history(c.id())).hasSize(2);
    }

    @Test
    void aCaseGoesToTheServicesDepartmentUnlessStaffChooseAnother() {
        cases.saveDepartment(new Department("parks", "Parks", null));
        Case usual = cases.open(new OpenCase("pothole", null, "Pothole", "x", null, null, List.of()), "agent");
        assertThat(usual.departmentCode()).isEqualTo("public-works");
        Case moved = cases.open(
                new OpenCase("pothole", null, "Pothole in the park path", "x", null, null, List.of(), "parks"),
                "agent");
        assertThat(moved.departmentCode()).isEqualTo("parks");
        assertThatThrownBy(() -> cases.open(
                        new OpenCase("pothole", null, "x", "x", null, null, List.of(), "no-such-department"), "agent"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertThatThrownBy(() ->
                        cases.open(new OpenCase("no-such-service", null, "x", "x", null, null, List.of()), "agent"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
