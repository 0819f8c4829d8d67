package org.civicloop.triage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.civicloop.ingest.MessageEdited;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageReceived;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.emergency.EmergencyDetector;
import org.civicloop.triage.language.LanguageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A lane of its own for emergencies: every committed message is checked by the emergency rules on a
 * dedicated thread, so that a gas leak is answered within a second even while the shared triage
 * workers are busy with a backlog (an import, a burst of posts) of slower stages. The full pipeline
 * ({@link MessageTriager}) runs the same check first too — it is the one whose completion is
 * recorded, and acts if this lane could not (a crash in between); acting is once per message
 * whichever comes first.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
        prefix = "civicloop.triage",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
class EmergencyLane {

    private static final Logger log = LoggerFactory.getLogger(EmergencyLane.class);

    private final MessageManagement messages;
    private final LanguageIdentifier languages;
    private final EmergencyResponder responder;
    private final EmergencyDetector detector = new EmergencyDetector();
    private final ExecutorService lane = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emergency-lane");
        t.setDaemon(true);
        return t;
    });

    EmergencyLane(MessageManagement messages, LanguageIdentifier languages, EmergencyResponder responder) {
        this.messages = messages;
        this.languages = languages;
        this.responder = responder;
    }

    // Plain listeners, handing over once the transaction commits: a transactional listener would
    // add a durable publication record for every message, and the pipeline (which checks for
    // emergencies first) already is the durable path that runs again after a crash.
    @EventListener
    void on(MessageReceived event) {
        afterCommit(event.messageId());
    }

    @EventListener
    void on(MessageEdited event) {
        afterCommit(event.messageId());
    }

    private void afterCommit(MessageId id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            submit(id);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(id);
            }
        });
    }

    private void submit(MessageId id) {
        try {
            lane.execute(() -> check(id));
        } catch (RejectedExecutionException e) {
            // shutting down: the full pipeline checks again when the event is resubmitted
        }
    }

    void check(MessageId id) {
        try {
            var message = messages.find(id).orElse(null);
            if (message == null || message.retracted() || message.text() == null) return;
            var finding = detector.detect(message.text());
            if (finding.isEmpty() || !responder.current(message)) return;
            responder.respond(message, finding.get(), MessageTriager.replyLanguage(languages, message));
        } catch (RuntimeException e) {
            log.error("emergency check of message {} failed; the full pipeline checks it again", id, e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        lane.shutdownNow();
    }
}
