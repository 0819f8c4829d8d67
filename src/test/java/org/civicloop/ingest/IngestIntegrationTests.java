package org.civicloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.civicloop.identity.AuditTrail;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The one durable ingest path: idempotent batches with their cursor, edits with history, retractions. */
@SpringBootTest
class IngestIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    AuditTrail audit;

    static InboundMessage post(String id, String text) {
        return post(id, text, 0);
    }

    /** A post {@code minutes} after the others (conversations are ordered by when they were posted). */
    static InboundMessage post(String id, String text, int minutes) {
        return new InboundMessage(
                ChannelKind.MASTODON,
                id,
                "@ana@social.example",
                "Ana",
                text,
                "en",
                Instant.parse("2026-11-20T10:00:00Z").plusSeconds(60L * minutes),
                null,
                "https://social.example/@ana/" + id,
                null,
                null,
                null,
                List.of(),
                "{\"id\":\"" + id + "\"}");
    }

    @Test
    void aBatchAndItsCursorAreStoredTogetherAndRedeliveryIsHarmless() {
        String connector = "mastodon:test-" + UUID.randomUUID();
        String a = "a-" + UUID.randomUUID(), b = "b-" + UUID.randomUUID();
        assertThat(messages.cursor(connector)).isEmpty();

        var first = messages.receiveAll(
                List.of(post(a, "Bus shelter glass smashed on Elm St"), post(b, "Thanks for the new bike lane!")),
                connector,
                "110");
        assertThat(first).allMatch(Receipt::created);
        assertThat(messages.cursor(connector)).contains("110");

        // after a crash the connector reads from an older position again: nothing is stored twice
        var again = messages.receiveAll(List.of(post(b, "Thanks for the new bike lane!")), connector, "111");
        assertThat(again).noneMatch(Receipt::created);
        assertThat(again.get(0).messageId()).isEqualTo(first.get(1).messageId());
        assertThat(messages.cursor(connector)).contains("111");
    }

    @Test
    void anEditReplacesTheTextAndKeepsTheHistory() {
        String id = "edit-" + UUID.randomUUID();
        var receipt = messages.receive(post(id, "Pothole on Mian St"));
        var edited = messages.edit(post(id, "Pothole on Main St, near the library"));
        assertThat(edited.messageId()).isEqualTo(receipt.messageId());
        assertThat(messages.find(receipt.messageId()).orElseThrow().text())
                .isEqualTo("Pothole on Main St, near the library");
        assertThat(messages.revisions(receipt.messageId())).containsExactly("Pothole on Mian St");
        assertThat(messages.inbox(new InboxFilter(null, null, "library"), 50, 0))
                .extracting(Message::id)
                .contains(receipt.messageId());

        // an edit of something never seen is kept as a new message
        var unseen = messages.edit(post("edit-" + UUID.randomUUID(), "Streetlight flickering"));
        assertThat(unseen.created()).isTrue();
    }

    @Test
    void aRetractedMessageLeavesEveryViewButTheRecordStays() {
        String id = "del-" + UUID.randomUUID();
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
        var receipt = messages.receive(post(id, "Loud party on Oak St " + marker));
        assertThat(messages.inbox(new InboxFilter(null, null, marker), 10, 0)).hasSize(1);

        assertThat(messages.retract(ChannelKind.MASTODON, id, "deleted by the author"))
                .isTrue();
        assertThat(messages.retract(ChannelKind.MASTODON, id, "deleted by the author"))
                .isFalse();

        assertThat(messages.inbox(new InboxFilter(null, null, marker), 10, 0)).isEmpty();
        assertThat(messages.findByReference(receipt.publicReference())).isEmpty();
        assertThat(messages.find(receipt.messageId()).orElseThrow().retracted()).isTrue();
        assertThat(audit.forSubject("message", receipt.messageId().toString()))
                .extracting(AuditTrail.AuditRecord::action)
                .containsExactly("message.retracted");
        // a redelivery of the deleted post does not bring it back
        assertThat(messages.receive(post(id, "Loud party on Oak St " + marker)).created())
                .isFalse();
        assertThat(messages.inbox(new InboxFilter(null, null, marker), 10, 0)).isEmpty();
    }

    @Test
    void repliesJoinTheConversationOfWhatTheyAnswerEvenWhenTheyArriveFirst() {
        String root = "root-" + UUID.randomUUID(), reply = "reply-" + UUID.randomUUID();
        String late = "late-" + UUID.randomUUID(), lateReply = "late-reply-" + UUID.randomUUID();
        String unrelated = "other-" + UUID.randomUUID();

        var first = messages.receive(post(root, "Streetlight out on Birch Ave"));
        var second = messages.receive(post(reply, "Still out tonight", 5).inThreadOf(List.of(root)));
        var alone = messages.receive(post(unrelated, "Great concert in the park"));

        assertThat(messages.conversation(second.messageId()))
                .extracting(Message::externalId)
                .containsExactly(root, reply);
        assertThat(messages.conversation(alone.messageId()))
                .extracting(Message::externalId)
                .containsExactly(unrelated);
        assertThat(messages.find(second.messageId()).orElseThrow().startsConversation())
                .isFalse();

        // the answer is stored before the message it answers (a mailbox read out of order)
        var early = messages.receive(post(lateReply, "Any news?", 10).inThreadOf(List.of(late, "unknown@example")));
        var parent = messages.receive(post(late, "Pothole on 3rd St"));
        assertThat(messages.conversation(early.messageId()))
                .extracting(Message::externalId)
                .containsExactly(late, lateReply);
        assertThat(messages.find(early.messageId()).orElseThrow().conversationId())
                .isEqualTo(parent.messageId());
        assertThat(first.messageId()).isNotEqualTo(parent.messageId());
    }

    @Test
    void aBatchIsStoredAsItsMessagesOneAfterTheOtherWouldBe() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String connector = "mastodon:batch-" + u;
        var earlier = messages.receive(post("s-" + u, "Bench broken at the bus stop"));

        // parent then reply, a repeat, a reply to a stored message, a message with a contact
        var withContact = new InboundMessage(
                ChannelKind.MASTODON,
                "c-" + u,
                "@bo@social.example",
                "Bo",
                "Please call me back about the flooding",
                "en",
                Instant.parse("2026-11-20T10:05:00Z"),
                null,
                null,
                null,
                null,
                new InboundMessage.Contact("bo@mail.example", null),
                List.of(),
                null);
        var receipts = messages.receiveAll(
                List.of(
                        post("p-" + u, "Water main leaking on 3rd Ave"),
                        post("r-" + u, "It is getting worse").inThreadOf(List.of("p-" + u)),
                        post("p-" + u, "Water main leaking on 3rd Ave"),
                        post("t-" + u, "Still broken").inThreadOf(List.of("s-" + u)),
                        withContact),
                connector,
                "7");
        assertThat(receipts).extracting(Receipt::created).containsExactly(true, true, false, true, true);
        assertThat(receipts.get(2).messageId()).isEqualTo(receipts.get(0).messageId());
        assertThat(messages.conversation(receipts.get(1).messageId()))
                .extracting(Message::externalId)
                .containsExactlyInAnyOrder("p-" + u, "r-" + u);
        assertThat(messages.conversation(earlier.messageId()))
                .extracting(Message::externalId)
                .containsExactlyInAnyOrder("s-" + u, "t-" + u);
        assertThat(messages.contact(receipts.get(4).messageId()).orElseThrow().email())
                .isEqualTo("bo@mail.example");
        assertThat(messages.cursor(connector)).contains("7");

        // a reply before its parent in the same batch, and a stored reply whose parent comes now
        var waiting = messages.receive(post("w2-" + u, "Any news?").inThreadOf(List.of("w-" + u)));
        var late = messages.receiveAll(
                List.of(
                        post("q2-" + u, "Same here").inThreadOf(List.of("q-" + u)),
                        post("q-" + u, "No hot water in the pool showers"),
                        post("w-" + u, "Playground gate does not close")),
                connector,
                "8");
        assertThat(late).allMatch(Receipt::created);
        assertThat(messages.conversation(late.get(0).messageId()))
                .extracting(Message::externalId)
                .containsExactlyInAnyOrder("q-" + u, "q2-" + u);
        assertThat(messages.conversation(waiting.messageId()))
                .extracting(Message::externalId)
                .containsExactlyInAnyOrder("w-" + u, "w2-" + u);
    }
}
