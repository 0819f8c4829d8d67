package org.civicloop.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A received message gets its triage row: language and redacted text; an edit triages it again; a retraction removes it. */
@SpringBootTest
class TriageIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    TriageManagement triage;

    @Autowired
    JdbcClient jdbc;

    static InboundMessage post(String id, String text) {
        return new InboundMessage(
                ChannelKind.MASTODON,
                id,
                "@rosa@social.example",
                "Rosa",
                text,
                null,
                Instant.parse("2026-11-20T10:00:00Z"),
                null,
                "https://social.example/@rosa/" + id,
                null,
                null,
                null,
                List.of(),
                "{\"id\":\"" + id + "\"}");
    }

    @Test
    void aReceivedMessageIsTriagedAndAnEditTriagedAgain() throws Exception {
        String id = "triage-" + UUID.randomUUID();
        var receipt = messages.receive(post(
                id,
                "Hay un bache enorme frente al 1234 de la calle Elm desde hace semanas. "
                        + "Llámenme al (401) 846-1234 o escriban a rosa.m@example.org"));
        MessageId messageId = receipt.messageId();

        MessageTriage first = await(messageId, t -> true);
        assertThat(first.language()).isEqualTo("es");
        assertThat(first.languageConfidence()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(first.redactedText())
                .isEqualTo("Hay un bache enorme frente al 1234 de la calle Elm desde hace semanas. "
                        + "Llámenme al [phone] o escriban a [email]");
        assertThat(first.personalData()).extracting(PersonalData::type).containsExactly("phone", "email");
        assertThat(first.modelVersion()).contains("lingua-1.2.2", "phone-region-US");
        // the original stays with the message, for staff allowed to see it
        assertThat(messages.find(messageId).orElseThrow().text()).contains("(401) 846-1234");
        // the stored findings are types and places, never values
        String stored = jdbc.sql("SELECT findings::text FROM message_triage WHERE message_id = :id")
                .param("id", messageId.value())
                .query(String.class)
                .single();
        assertThat(stored).contains("\"phone\"").doesNotContain("846", "rosa.m");

        messages.edit(post(id, "The pothole in front of 1234 Elm St is fixed now, thank you! SSN 123-45-6789"));
        MessageTriage second = await(messageId, t -> t.language().equals("en"));
        assertThat(second.redactedText())
                .isEqualTo("The pothole in front of 1234 Elm St is fixed now, thank you! SSN [ssn]");
        assertThat(second.personalData()).extracting(PersonalData::type).containsExactly("ssn");
        assertThat(jdbc.sql("SELECT count(*) FROM message_triage WHERE message_id = :id")
                        .param("id", messageId.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        // retracted: the redacted copy leaves too
        assertThat(messages.retract(ChannelKind.MASTODON, id, null)).isTrue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (triage.find(messageId).isPresent() && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(triage.find(messageId)).isEmpty();
    }

    @Test
    void aMessageWithNothingToTellIsUndetermined() throws Exception {
        var receipt = messages.receive(post("triage-" + UUID.randomUUID(), "@cityhall #pothole https://t.co/x 👍"));
        MessageTriage result = await(receipt.messageId(), t -> true);
        assertThat(result.language()).isEqualTo("und");
        assertThat(result.languageConfidence()).isZero();
        assertThat(result.hasPersonalData()).isFalse();
        assertThat(triage.find(MessageId.random())).isEmpty();
    }

    /** Triage runs after the commit, asynchronously; the first message also loads the language models. */
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
