package org.civicloop.replies;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends what the outbox holds, through the sender for each channel, retrying with backoff. */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private final Outbox outbox;
    private final List<ReplySender> senders;
    private final TransactionTemplate transactions;
    private final RepliesSettings settings;
    private final List<DeliveryGate> gates;

    OutboxDispatcher(
            Outbox outbox,
            List<ReplySender> senders,
            TransactionTemplate transactions,
            RepliesSettings settings,
            List<DeliveryGate> gates) {
        this.outbox = outbox;
        this.senders = senders;
        this.transactions = transactions;
        this.settings = settings;
        this.gates = gates;
    }

    @Scheduled(fixedDelayString = "${civicloop.replies.dispatch-interval:2s}", initialDelayString = "5s")
    void dispatchDue() {
        try {
            int sent;
            do {
                sent = transactions.execute(status -> dispatchBatch(20));
            } while (sent == 20);
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            // the database is unreachable: everything stays in the outbox for the next round
            log.warn("Outbox not dispatched this round: {}", e.getMessage());
        }
    }

    /** Sends one locked batch; answers how many were due. */
    int dispatchBatch(int limit) {
        Set<ChannelKind> held = EnumSet.noneOf(ChannelKind.class);
        gates.forEach(gate -> held.addAll(gate.held()));
        // a paused channel's messages are not even locked: they wait, untouched, for its resumption
        var due = outbox.lockDue(limit, held);
        for (var message : due) {
            var sender =
                    senders.stream().filter(s -> s.supports(message.channel())).findFirst();
            if (sender.isEmpty()) {
                outbox.markFailed(
                        message.idempotencyKey(),
                        "No sender for channel " + message.channel().code(),
                        settings.maxAttempts());
                continue;
            }
            try {
                sender.get().send(message);
                outbox.markSent(message.idempotencyKey());
            } catch (Exception e) {
                if (e instanceof PermanentDeliveryException || (e instanceof ReplySender.Failure f && f.permanent())) {
                    log.warn(
                            "Delivery on {} refused for good: {}",
                            message.channel().code(),
                            e.getMessage());
                    outbox.markFailed(message.idempotencyKey(), e.getMessage(), 0);
                    continue;
                }
                log.warn(
                        "Delivery on {} failed, will retry: {}",
                        message.channel().code(),
                        e.getMessage());
                outbox.markFailed(message.idempotencyKey(), e.getMessage(), settings.maxAttempts());
            }
        }
        return due.size();
    }
}
