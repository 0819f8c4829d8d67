package org.civicloop.console;

import org.civicloop.triage.EmergencyDetected;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emergency alerts, live, on every console page: each open page gets a server-sent event
 * {@code alert} when an emergency is found (the moment it is committed, before the rest of triage
 * has run) or an alert is acknowledged, and reloads its alert banner.
 */
@Component
class AlertBroadcaster extends LiveUpdates {

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EmergencyDetected event) {
        broadcast("alert", event.hazard());
    }

    /** An alert was acknowledged: the banners on other pages shrink. */
    void acknowledged() {
        broadcast("alert", "acknowledged");
    }
}
