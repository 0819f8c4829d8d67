package org.civicloop.replies;

import org.civicloop.shared.ChannelKind;

/** Delivers an outbound message on one kind of channel. One implementation per destination. */
public interface ReplySender {

    boolean supports(ChannelKind channel);

    /**
     * Sends the message. Must be safe to call again with the same {@code idempotencyKey} after a
     * crash between sending and recording that it was sent.
     *
     * @throws Exception when delivery failed and should be retried later
     */
    void send(OutboundMessage message) throws Exception;

    record OutboundMessage(String idempotencyKey, ChannelKind channel, String recipient, String subject, String body) {}
}
