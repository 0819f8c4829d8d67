package org.civicloop.replies;

import java.util.Optional;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.springframework.stereotype.Service;

/**
 * What other modules may send through the outbox: an answer to a resident's message on the channel
 * they used (threaded under it where the channel threads, by e-mail when they wrote through the
 * web form and left an address), and a notice to a member of staff by e-mail. Everything is queued
 * in the transactional outbox under an idempotency key, so a second call with the same key sends
 * nothing more.
 */
@Service
public class ResidentReplies {

    private final MessageManagement messages;
    private final Outbox outbox;

    ResidentReplies(MessageManagement messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * Answers a message on its own channel.
     *
     * @param brief the text for media that want a short one (a text message, a post)
     * @param full the text for an e-mail
     * @return the channel the answer was queued on; empty when the resident cannot be reached (no
     *     address on a channel that cannot carry an answer, a retracted message) or when an answer
     *     with this key was queued before
     */
    public Optional<ChannelKind> answer(
            MessageId messageId, String idempotencyKey, String subject, String brief, String full) {
        var message = messages.find(messageId).orElse(null);
        var address = ResidentAddresses.of(message, messages.contact(messageId).orElse(null));
        if (address.isEmpty()) return Optional.empty();
        var to = address.get();
        boolean queued = outbox.enqueue(
                idempotencyKey, to.channel(), to.recipient(), subject, to.brief() ? brief : full, to.inReplyTo());
        return queued ? Optional.of(to.channel()) : Optional.empty();
    }

    /** Whether a resident who wrote this message can be answered at all. */
    public boolean canAnswer(MessageId messageId) {
        var message = messages.find(messageId).orElse(null);
        return ResidentAddresses.of(message, messages.contact(messageId).orElse(null))
                .isPresent();
    }

    /** Queues an e-mail to staff (an alert); false when one with this key was queued before. */
    public boolean emailStaff(String idempotencyKey, String address, String subject, String body) {
        return outbox.enqueue(idempotencyKey, ChannelKind.EMAIL, address, subject, body, null);
    }
}
