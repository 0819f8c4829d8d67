package org.civicloop.console;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events to the console pages that are open: connections are kept alive through
 * proxies that close idle ones, dropped when they fail, and closed when the application stops so
 * that open pages do not hold up a graceful shutdown.
 */
abstract class LiveUpdates {

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

    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        send(SseEmitter.event().comment("keep-alive"));
    }

    @EventListener(ContextClosedEvent.class)
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

    void broadcast(String name, String data) {
        send(SseEmitter.event().name(name).data(data));
    }

    private void send(SseEmitter.SseEventBuilder event) {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }
}
