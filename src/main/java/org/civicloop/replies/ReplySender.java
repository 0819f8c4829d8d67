package org.civicloop.replies;

import org.civicloop.shared.ChannelKind;

/** Delivers an outbound message on one kind of channel. One implementation per destination. */
public interface ReplySender {

    boolean supports(ChannelKind channel);

    /**
     * Sends the message. Must be safe to call again with the same {@code idempotencyKey} after a
     * crash between sending and recording that it was sent.
     *
     * @throws PermanentDeliveryException when delivery can never succeed: it is not retried
     * @throws Exception when delivery failed and should be retried later
     */
    void send(OutboundMessage message) throws Exception;

    /**
     * One message to deliver. {@code inReplyTo} is the external id, on the same channel, of the
     * resident's message this answers (for threading), or null.
     */
    /**
     * Implemented by a sender's own exception type that knows whether a failure is permanent;
     * the outbox then retries only those that are not. ({@link PermanentDeliveryException} is
     * always permanent.)
     */
    interface Failure {
        boolean permanent();
    }

    record OutboundMessage(
            String idempotencyKey,
            ChannelKind channel,
            String recipient,
            String subject,
            String body,
            String inReplyTo) {

        public OutboundMessage(
                String idempotencyKey, ChannelKind channel, String recipient, String subject, String body) {
            this(idempotencyKey, channel, recipient, subject, body, null);
        }

        /**
         * Whether CivicLoop sends this by itself (an acknowledgement, a status notice) rather than a
         * person writing it: mail senders mark such messages {@code Auto-Submitted: auto-replied}
         * (RFC 3834) so that residents' auto-responders do not answer them.
         */
        public boolean automatic() {
            return idempotencyKey != null && ReporterNotifier.isNotice(idempotencyKey);
        }
    }
}
