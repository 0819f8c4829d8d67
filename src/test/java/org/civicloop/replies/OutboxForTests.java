package org.civicloop.replies;

import org.civicloop.shared.ChannelKind;
import org.springframework.context.ApplicationContext;

/** Puts a reply into the real outbox from tests of other modules (the outbox has no public API yet). */
public final class OutboxForTests {

    private OutboxForTests() {}

    public static boolean enqueue(
            ApplicationContext context,
            String idempotencyKey,
            ChannelKind channel,
            String recipient,
            String body,
            String inReplyTo) {
        return context.getBean(Outbox.class).enqueue(idempotencyKey, channel, recipient, "", body, inReplyTo);
    }
}
