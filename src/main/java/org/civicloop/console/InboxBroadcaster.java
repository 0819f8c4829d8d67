package org.civicloop.console;

import org.civicloop.cases.ReporterAttached;
import org.civicloop.ingest.MessageReceived;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Live updates for the staff inbox: every open console gets a server-sent event when a message
 * arrives or joins a case, once the change is committed, and reloads the rows it shows.
 */
@Component
class InboxBroadcaster extends LiveUpdates {

    private static final Object PENDING_NUDGE = new Object();

    /**
     * One nudge per transaction, after it commits: a connector storing a batch of 200 messages
     * makes open consoles reload once, not 200 times. A plain listener on purpose: a transactional
     * one would make the event publication registry write (and later complete) a durable record
     * for every message received, for a best-effort page refresh.
     */
    @EventListener
    void on(MessageReceived event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            broadcast("inbox", event.channel());
            return;
        }
        if (TransactionSynchronizationManager.hasResource(PENDING_NUDGE)) return;
        TransactionSynchronizationManager.bindResource(PENDING_NUDGE, event.channel());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                broadcast("inbox", event.channel());
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_NUDGE);
            }
        });
    }

    /** Triage results arrive seconds after the message: the rows show them when they do. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(org.civicloop.triage.MessageTriaged event) {
        broadcast("inbox", "triage");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ReporterAttached event) {
        broadcast("inbox", "case");
    }
}
