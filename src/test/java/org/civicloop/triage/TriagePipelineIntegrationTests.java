package org.civicloop.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Department;
import org.civicloop.cases.Service;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.InboxFilter;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every message runs through every stage and the result is stored beside it; an emergency is
 * answered with the 911 text on the resident's own channel, in their language, and raises an
 * alert; staff corrections become examples the category stage learns from.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriagePipelineIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    TriageManagement triage;

    @Autowired
    CaseManagement cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageTriager triager;

    @BeforeAll
    void catalogue() {
        cases.saveDepartment(new Department("tp-works", "Public Works (tests)", null));
        cases.saveService(new Service(
                "tp-streetlight",
                "Streetlight out",
                "A street light or lamp post is dark, flickering or broken at night.",
                "tp-works",
                24,
                120,
                "streetlight, lamp, light out, dark, bulb"));
        cases.saveService(new Service(
                "tp-graffiti",
                "Graffiti",
                "Graffiti or vandalism painted on walls, buildings, bridges or signs.",
                "tp-works",
                24,
                120,
                "graffiti, tag, spray paint, vandalism"));
        cases.saveService(new Service(
                "tp-trash",
                "Missed trash pickup",
                "Garbage, recycling or bulk items not collected on pickup day.",
                "tp-works",
                24,
                120,
                "trash, garbage, recycling, bin, pickup"));
        cases.saveService(
                new Service("tp-special", "Special team", "Handled by the special team.", "tp-works", 24, 120, ""));
    }

    static InboundMessage message(ChannelKind channel, String handle, String text, InboundMessage.Contact contact) {
        return new InboundMessage(
                channel,
                channel.code() + "-" + UUID.randomUUID(),
                handle,
                null,
                text,
                null,
                Instant.now(),
                null,
                null,
                null,
                null,
                contact,
                List.of(),
                null);
    }

    @Test
    void everyStageRunsOnAReceivedMessageAndIsStoredWithTheModelVersions() throws Exception {
        var id = messages.receive(message(
                        ChannelKind.MASTODON,
                        "@ann@social.example",
                        "The streetlight on Mill St has been dark for a week and it is scary and dangerous at night. "
                                + "Call me at (401) 846-1234",
                        null))
                .messageId();

        MessageTriage t = await(id, r -> r.category() != null);
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.redactedText()).endsWith("Call me at [phone]");
        assertThat(t.emergency()).isNull();
        assertThat(t.sentiment()).isLessThan(-0.05);
        assertThat(t.sentimentLabel()).isEqualTo("negative");
        assertThat(cases.service(t.category().service()).orElseThrow().name().toLowerCase())
                .contains("light");
        assertThat(t.category().confidence()).isBetween(0.0, 1.0);
        assertThat(t.category().why()).isNotEmpty();
        assertThat(t.modelVersion())
                .contains("lingua-1.2.2", "emergency=rules-1", "sentiment=vader-3.3.2", "category=all-MiniLM-L6-v2-q");
        // the columns themselves, as stored
        var stored = jdbc.sql("SELECT sentiment_compound, category, category_confidence FROM message_triage"
                        + " WHERE message_id = :id")
                .param("id", id.value())
                .query((rs, i) -> rs.getString("category") + "|" + rs.getDouble("sentiment_compound"))
                .single();
        assertThat(stored).startsWith(t.category().service() + "|-");
    }

    @Test
    void gasSmellThroughTheWebFormIsAnsweredByEmailAndRaisesAnAlert() throws Exception {
        String marker = "w" + UUID.randomUUID().toString().substring(0, 8);
        var response = mvc.perform(multipart("/report")
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("text", "gas smell near the library on Elm " + marker)
                        .param("email", "resident-" + marker + "@example.org")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        var id =
                messages.inbox(new InboxFilter(null, null, marker), 5, 0).get(0).id();

        var reply = awaitOutbox("emergency:" + id);
        assertThat(reply.channel()).isEqualTo("email");
        assertThat(reply.recipient()).isEqualTo("resident-" + marker + "@example.org");
        assertThat(reply.subject()).contains("911");
        assertThat(reply.body()).contains("call 911 now").contains("not monitored for emergencies");

        EmergencyAlert alert = awaitAlert(id);
        assertThat(alert.hazard()).isEqualTo("gas");
        assertThat(alert.evidence()).contains("gas");
        assertThat(alert.repliedOn()).isEqualTo("email");
        assertThat(alert.open()).isTrue();
        assertThat(await(id, r -> true).emergency().hazard()).isEqualTo("gas");
    }

    @Test
    void gasSmellByTextIsAnsweredByTextAndSpanishInSpanish() throws Exception {
        String phone = "+1555" + (1000000 + (int) (Math.random() * 8999999));
        var english = messages.receive(message(
                        ChannelKind.SMS,
                        phone,
                        "gas smell near the library on Elm",
                        new InboundMessage.Contact(null, phone)))
                .messageId();
        var reply = awaitOutbox("emergency:" + english);
        assertThat(reply.channel()).isEqualTo("sms");
        assertThat(reply.recipient()).isEqualTo(phone);
        assertThat(reply.body())
                .isEqualTo("If this is an emergency, call 911 now. This channel is not monitored for emergencies.");
        assertThat(awaitAlert(english).repliedOn()).isEqualTo("sms");

        var spanish = messages.receive(message(
                        ChannelKind.SMS,
                        phone,
                        "Huele mucho a gas cerca de la biblioteca en la calle Elm",
                        new InboundMessage.Contact(null, phone)))
                .messageId();
        var respuesta = awaitOutbox("emergency:" + spanish);
        assertThat(respuesta.body()).contains("llame al 911 ahora").contains("no se vigila para emergencias");
        assertThat(awaitAlert(spanish).language()).isEqualTo("es");

        // triaged again (a redelivered event, an edit): nobody is answered or alerted twice
        var raisedAt = awaitAlert(english).raisedAt();
        triager.triage(english);
        assertThat(triage.alert(english).orElseThrow().raisedAt()).isEqualTo(raisedAt);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_message WHERE idempotency_key LIKE :k")
                        .param("k", "emergency:" + english + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void anOrdinaryMessageIsNoEmergencyAndOldHistoryAlertsNobody() throws Exception {
        var ordinary = messages.receive(
                        message(ChannelKind.SMS, "+15550001111", "Trash was not picked up on Oak St this week", null))
                .messageId();
        assertThat(await(ordinary, r -> r.category() != null).emergency()).isNull();
        assertThat(triage.alert(ordinary)).isEmpty();

        var old = new InboundMessage(
                ChannelKind.SMS,
                "sms-" + UUID.randomUUID(),
                "+15550002222",
                null,
                "I smell gas in the basement",
                null,
                Instant.now().minus(Duration.ofDays(30)),
                null,
                null,
                null,
                null,
                new InboundMessage.Contact(null, "+15550002222"),
                List.of(),
                null);
        var oldId = messages.receive(old).messageId();
        // marked as an emergency, but a month-old message neither answers nor alerts anyone
        assertThat(await(oldId, r -> true).emergency().hazard()).isEqualTo("gas");
        assertThat(triage.alert(oldId)).isEmpty();
        assertThat(outbox("emergency:" + oldId)).isEmpty();
    }

    @Test
    void correctionsAreStoredBesideTheMachinesAnswerAndTaughtToTheClassifier() throws Exception {
        String[] corrected = {
            "Somebody dumped three shopping carts in the creek behind the plaza",
            "Abandoned shopping carts are piling up on the corner of Oak and 5th",
            "There are shopping carts left all over the sidewalk by the supermarket"
        };
        for (String text : corrected) {
            var id = messages.receive(message(ChannelKind.MASTODON, "@bo@social.example", text, null))
                    .messageId();
            var machine = await(id, r -> r.category() != null).category();
            var correction = triage.correctCategory(id, "tp-special", "agent-ann");
            assertThat(correction.stage()).isEqualTo("category");
            assertThat(correction.oldValue()).isEqualTo(machine.service());
            assertThat(correction.newValue()).isEqualTo("tp-special");
            assertThat(correction.correctedBy()).isEqualTo("agent-ann");
            // the machine's answer stays as it was, the correction beside it
            assertThat(triage.find(id).orElseThrow().category().service()).isEqualTo(machine.service());
            assertThat(triage.corrections(id))
                    .extracting(TriageCorrection::newValue)
                    .containsExactly("tp-special");
        }
        var similar = messages.receive(message(
                        ChannelKind.SMS,
                        "+15550003333",
                        "Two shopping carts abandoned at the bus stop on Main St",
                        null))
                .messageId();
        var learned = await(similar, r -> r.category() != null).category();
        assertThat(learned.service()).isEqualTo("tp-special");
        assertThat(triage.find(similar).orElseThrow().modelVersion()).containsPattern("examples-[1-9]");
    }

    @Autowired
    EmergencyAlerts alerts;

    @Autowired
    org.civicloop.replies.ResidentReplies replies;

    @Autowired
    org.springframework.context.MessageSource texts;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    java.time.Clock clock;

    @Test
    void withAnAlertAddressTheAlertIsAlsoEmailedOnce() throws Exception {
        var responder = new EmergencyResponder(
                alerts, replies, texts, events, new EmergencySettings("duty@city.example", Duration.ofHours(1)), clock);
        var id = messages.receive(message(ChannelKind.MASTODON, "@eve@social.example", "Pothole on Elm", null))
                .messageId();
        var message = messages.find(id).orElseThrow();
        var finding = new org.civicloop.triage.emergency.EmergencyDetector.Finding(
                org.civicloop.triage.emergency.Hazard.POWER_LINE, "wires down");
        assertThat(responder.respond(message, finding, "en")).isTrue();
        assertThat(responder.respond(message, finding, "en")).isFalse();

        var mail = outbox("emergency-alert:" + id);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).channel()).isEqualTo("email");
        assertThat(mail.get(0).recipient()).isEqualTo("duty@city.example");
        assertThat(mail.get(0).subject()).contains("downed power line").contains(message.publicReference());
        assertThat(mail.get(0).body()).contains("\"wires down\"").contains("mastodon");
        // and the resident, on Mastodon, under their post
        assertThat(outbox("emergency:" + id)).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("mastodon");
            assertThat(r.recipient()).isEqualTo("@eve@social.example");
        });
    }

    record Outgoing(String channel, String recipient, String subject, String body) {}

    List<Outgoing> outbox(String key) {
        return jdbc.sql("SELECT channel, recipient, subject, body FROM outbox_message WHERE idempotency_key = :k")
                .param("k", key)
                .query((rs, i) -> new Outgoing(
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body")))
                .list();
    }

    Outgoing awaitOutbox(String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = outbox(key);
            if (!found.isEmpty()) return found.get(0);
            Thread.sleep(50);
        }
        throw new AssertionError("nothing queued as " + key);
    }

    EmergencyAlert awaitAlert(MessageId id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var alert = triage.alert(id);
            if (alert.isPresent()) return alert.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no alert for " + id);
    }

    MessageTriage await(MessageId id, Predicate<MessageTriage> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Optional<MessageTriage> result = triage.find(id);
            if (result.isPresent() && done.test(result.get())) return result.get();
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " was not triaged in time");
    }
}
