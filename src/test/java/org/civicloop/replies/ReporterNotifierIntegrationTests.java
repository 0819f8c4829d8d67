package org.civicloop.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.CaseStatus;
import org.civicloop.cases.Department;
import org.civicloop.cases.OpenCase;
import org.civicloop.cases.Service;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every reporter hears about their case on the channel they used: a text to a texter, a reply to a
 * post under the post, an e-mail to whoever left an address — and nobody about old history.
 */
@SpringBootTest(properties = "civicloop.replies.dispatch-interval=1h")
class ReporterNotifierIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    CaseManagement cases;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void catalogue() {
        cases.saveDepartment(new Department("public-works", "Public Works", null));
        cases.saveService(new Service("pothole", "Pothole", "Holes in the road", "public-works", 24, 120, "pothole"));
    }

    static InboundMessage message(
            ChannelKind channel, String externalId, String handle, String language, InboundMessage.Contact contact) {
        return new InboundMessage(
                channel,
                externalId,
                handle,
                null,
                "Pothole at 120 Mill St",
                language,
                Instant.now(),
                null,
                null,
                null,
                null,
                contact,
                List.of(),
                null);
    }

    record Notice(String channel, String recipient, String body, String inReplyTo) {}

    List<Notice> notices(MessageId message) {
        return jdbc.sql("""
                SELECT channel, recipient, body, in_reply_to FROM outbox_message
                WHERE idempotency_key LIKE :key ORDER BY created_at
                """)
                .param("key", "%" + message + "%")
                .query((rs, i) -> new Notice(
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("body"),
                        rs.getString("in_reply_to")))
                .list();
    }

    @Test
    void eachReporterIsAnsweredOnTheirOwnChannel() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        var sms = messages.receive(message(ChannelKind.SMS, "SM" + n, "+15551230000", "es", null))
                .messageId();
        var toot = messages.receive(
                        message(ChannelKind.MASTODON, "social.example/" + n, "@ana@social.example", "en", null))
                .messageId();
        String atUri = "at://did:plc:abc" + n + "/app.bsky.feed.post/3k" + n;
        var skeet = messages.receive(message(ChannelKind.BLUESKY, atUri, "@bo.bsky.social", "en", null))
                .messageId();
        var call = messages.receive(message(ChannelKind.PHONE, "call-" + n, null, "en", null))
                .messageId();
        var counter = messages.receive(message(
                        ChannelKind.IN_PERSON,
                        "visit-" + n,
                        null,
                        "en",
                        new InboundMessage.Contact("cy@example.org", null)))
                .messageId();

        var opened = cases.open(
                new OpenCase(
                        "pothole",
                        CasePriority.NORMAL,
                        "Pothole at 120 Mill St",
                        null,
                        "120 Mill St",
                        null,
                        List.of(new OpenCase.ReportingMessage(sms, "sms"))),
                "agent");
        for (var m : List.of(toot, skeet, call, counter)) cases.attach(opened.id(), m, "x", "agent");

        Awaitility.await()
                .atMost(20, TimeUnit.SECONDS)
                .until(() -> notices(counter).size() == 1);
        assertThat(notices(sms)).singleElement().satisfies(notice -> {
            assertThat(notice.channel()).isEqualTo("sms");
            assertThat(notice.recipient()).isEqualTo("+15551230000");
            assertThat(notice.body())
                    .startsWith("Gracias")
                    .contains(opened.reference())
                    .contains("/cases/");
        });
        assertThat(notices(toot)).singleElement().satisfies(notice -> {
            assertThat(notice.channel()).isEqualTo("mastodon");
            assertThat(notice.recipient()).isEqualTo("@ana@social.example");
            assertThat(notice.inReplyTo()).isEqualTo("social.example/" + n);
            assertThat(notice.body()).startsWith("Thank you").contains(opened.reference());
        });
        assertThat(notices(skeet)).singleElement().satisfies(notice -> {
            assertThat(notice.channel()).isEqualTo("bluesky");
            assertThat(notice.recipient()).isEqualTo(atUri);
            assertThat(notice.inReplyTo()).isEqualTo(atUri);
        });
        assertThat(notices(counter)).singleElement().satisfies(notice -> {
            assertThat(notice.channel()).isEqualTo("email");
            assertThat(notice.recipient()).isEqualTo("cy@example.org");
            assertThat(notice.body()).contains("\n");
        });
        assertThat(notices(call)).as("a call with no way back").isEmpty();

        // a public note reaches every reporter once more, on the same channels
        cases.changeStatus(opened.id(), CaseStatus.ACKNOWLEDGED, "A crew will look at it this week.", null, "agent");
        Awaitility.await()
                .atMost(20, TimeUnit.SECONDS)
                .until(() -> notices(counter).size() == 2);
        assertThat(notices(toot))
                .hasSize(2)
                .last()
                .satisfies(n2 -> assertThat(n2.body()).contains("A crew will look at it this week."));
        assertThat(notices(call)).isEmpty();
    }

    @Test
    void historyBroughtInLaterNotifiesNobody() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        var old = messages.receive(message(ChannelKind.SMS, "SM-old-" + n, "+15551239999", "en", null))
                .messageId();
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
        var opened = cases.open(
                new OpenCase(
                        "pothole",
                        CasePriority.NORMAL,
                        "Pothole",
                        null,
                        null,
                        null,
                        List.of(new OpenCase.ReportingMessage(old, "sms"))),
                "agent",
                lastWeek);
        cases.changeStatus(opened.id(), CaseStatus.ACKNOWLEDGED, "Seen.", null, "agent", lastWeek.plusSeconds(60));
        // a fresh event after the old ones is still told, so the listeners have run by then
        var fresh = messages.receive(message(ChannelKind.SMS, "SM-new-" + n, "+15551238888", "en", null))
                .messageId();
        cases.attach(opened.id(), fresh, "sms", "agent");
        Awaitility.await()
                .atMost(20, TimeUnit.SECONDS)
                .until(() -> notices(fresh).size() == 1);
        assertThat(notices(old)).isEmpty();
        assertThat(Map.of("fresh", notices(fresh).size())).containsEntry("fresh", 1);
    }
}
