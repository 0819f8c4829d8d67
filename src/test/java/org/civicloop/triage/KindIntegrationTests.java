package org.civicloop.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.Department;
import org.civicloop.cases.OpenCase;
import org.civicloop.cases.Service;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every received message gets its kind, abuse flag and urgency in {@code message_kind}; an edit
 * judges it again; attached to a case, it is scored again with the case's service and reporters;
 * a retraction removes the row.
 */
@SpringBootTest
class KindIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    TriageManagement triage;

    @Autowired
    CaseManagement cases;

    @Autowired
    JdbcClient jdbc;

    static InboundMessage sms(String id, String from, String text) {
        return new InboundMessage(
                ChannelKind.SMS,
                id,
                from,
                null,
                text,
                null,
                Instant.parse("2026-11-20T10:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                "{\"MessageSid\":\"" + id + "\"}");
    }

    @Test
    void anEmergencyIsUrgentWhateverElseItSays() throws Exception {
        var receipt = messages.receive(
                sms("kind-" + UUID.randomUUID(), "+14015550101", "Gas smell near the library on Elm, thanks"));
        MessageKind kind = await(receipt.messageId(), k -> true);
        assertThat(kind.kind()).isEqualTo("emergency");
        assertThat(kind.confidence()).isEqualTo(1.0);
        assertThat(kind.abusive()).isFalse();
        assertThat(kind.priority()).isEqualTo(CasePriority.URGENT);
        assertThat(kind.urgency()).isGreaterThanOrEqualTo(90);
        assertThat(kind.reasons().get(0).detail()).startsWith("emergency rule: gas");
        assertThat(kind.version()).contains("kind=lr/seed-", "emergency=rules", "abuse=", "urgency=rules-1");
    }

    @Test
    void anAbusiveMessageIsFlaggedThenAnEditJudgesItAgainAndARetractionRemovesIt() throws Exception {
        String id = "kind-" + UUID.randomUUID();
        var receipt = messages.receive(
                sms(id, "+14015550102", "You worthless idiots at city hall, I know where you live, watch your back"));
        MessageId messageId = receipt.messageId();
        MessageKind first = await(messageId, k -> true);
        assertThat(first.kind()).isEqualTo("abuse");
        assertThat(first.abusive()).isTrue();
        assertThat(triage.isAbusive(messageId)).isTrue();
        assertThat(triage.abusive(Set.of(messageId, MessageId.random()))).containsExactly(messageId);
        // stored reasons never repeat the text itself beyond the words that explain the answer
        assertThat(first.reasons()).isNotEmpty();

        messages.edit(sms(id, "+14015550102", "Thank you so much for fixing the streetlight on Maple so quickly!"));
        MessageKind second = await(messageId, k -> !k.abusive());
        assertThat(second.kind()).isEqualTo("praise");
        assertThat(second.priority()).isEqualTo(CasePriority.LOW);
        assertThat(triage.isAbusive(messageId)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM message_kind WHERE message_id = :id")
                        .param("id", messageId.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        assertThat(messages.retract(ChannelKind.SMS, id, null)).isTrue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (triage.kind(messageId).isPresent() && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(triage.kind(messageId)).isEmpty();
        assertThat(triage.isAbusive(messageId)).isFalse();
    }

    @Test
    void onACaseTheServiceAndTheReportersAddUrgency() throws Exception {
        cases.saveDepartment(new Department("water-sewer", "Water & Sewer", null));
        cases.saveService(new Service(
                "water-main-break",
                "Water main break",
                "Water coming up from the street",
                "water-sewer",
                2,
                24,
                "water"));
        String text = "Water keeps seeping out of the curb in front of 12 Mill St, please send someone to check";
        var first = messages.receive(sms("kind-" + UUID.randomUUID(), "+14015550103", text));
        var second = messages.receive(sms("kind-" + UUID.randomUUID(), "+14015550104", text + " too"));
        MessageKind before = await(first.messageId(), k -> true);
        assertThat(before.reasons()).extracting(MessageKind.Reason::code).doesNotContain("service", "reporters");
        var opened = cases.open(
                new OpenCase(
                        "water-main-break",
                        CasePriority.NORMAL,
                        "Water main break on Mill St",
                        text,
                        "Mill St",
                        null,
                        List.of(
                                new OpenCase.ReportingMessage(first.messageId(), "sms"),
                                new OpenCase.ReportingMessage(second.messageId(), "sms"))),
                "test");
        assertThat(opened.serviceCode()).isEqualTo("water-main-break");
        // attached to a case, both messages are scored again with what the case knows
        MessageKind after = await(
                first.messageId(),
                k -> k.reasons().stream().anyMatch(r -> r.code().equals("service")));
        assertThat(after.reasons()).extracting(MessageKind.Reason::code).contains("service", "reporters");
        assertThat(after.reasons())
                .filteredOn(r -> r.code().equals("reporters"))
                .singleElement()
                .satisfies(r -> assertThat(r.points()).isEqualTo(5));
        assertThat(after.kind()).isNotEqualTo("emergency");
        MessageKind other = await(
                second.messageId(),
                k -> k.reasons().stream().anyMatch(r -> r.code().equals("reporters")));
        assertThat(other.reasons()).extracting(MessageKind.Reason::code).contains("service");
        assertThat(after.urgency()).isGreaterThan(before.urgency());
        assertThat(after.urgency())
                .isEqualTo(after.reasons().stream()
                        .mapToInt(MessageKind.Reason::points)
                        .sum());
    }

    MessageKind await(MessageId id, Predicate<MessageKind> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Optional<MessageKind> result = triage.kind(id);
            if (result.isPresent() && done.test(result.get())) return result.get();
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " was not judged in time");
    }
}
