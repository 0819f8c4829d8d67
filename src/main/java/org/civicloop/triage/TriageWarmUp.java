package org.civicloop.triage;

import org.civicloop.triage.language.LanguageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the language models in the background once the application is up (a few seconds), so that
 * the first emergency is answered in the resident's language without waiting for them. The
 * embedding model is not loaded here: the category stage loads it on first use, on the triage
 * thread, after any emergency has been acted on. {@code civicloop.triage.warm-up=false} turns this off.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
        prefix = "civicloop.triage",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
class TriageWarmUp {

    private static final Logger log = LoggerFactory.getLogger(TriageWarmUp.class);

    private final LanguageIdentifier languages;
    private final boolean enabled;

    TriageWarmUp(LanguageIdentifier languages, @Value("${civicloop.triage.warm-up:true}") boolean enabled) {
        this.languages = languages;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!enabled) return;
        Thread thread = new Thread(
                () -> {
                    long started = System.nanoTime();
                    try {
                        languages.warmUp();
                        log.info("language models loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
                    } catch (RuntimeException e) {
                        log.warn("language models could not be loaded ahead of the first message", e);
                    }
                },
                "triage-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
