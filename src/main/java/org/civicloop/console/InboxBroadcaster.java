package org.civicloop.console;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicloop.cases.ReporterAttached;
import org.civicloop.ingest.MessageReceived;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the staff inbox: every open console gets a server-sent event when a message
 * arrives or joins a case, once the change is committed, and reloads the rows it shows.
 */
@Component
class InboxBroadcaster {

    private static final Object PENDING_NUDGE = new Object();
    private final CopyOnWriteArrayList<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    SseEmitter connect() {
        SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            emitters.remove(emitter);
        }
        return emitter;
    }

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

    /** Keeps connections open through proxies that close idle ones. */
    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    /** Open consoles must not hold up a graceful shutdown. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeAll() {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already gone
            }
        }
        emitters.clear();
    }

    int connections() {
        return emitters.size();
    }

    private void broadcast(String name, String data) {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name(name).data(data));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }
}
