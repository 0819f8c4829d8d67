package org.civicloop.triage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.triage.category.*}: the service category stage.
 *
 * @param enabled whether messages get a service category (it needs the embedding model, about
 *     25 MB of heap, loaded once on first use)
 * @param minConfidence below this the category "needs a human"
 * @param rebuildAfterCorrections the classifier is rebuilt (before the next message is classified)
 *     once this many category corrections arrived since it was built
 * @param rebuildInterval how often pending corrections fewer than that are taken in anyway
 */
@ConfigurationProperties("civicloop.triage.category")
public record CategorySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.7") double minConfidence,
        @DefaultValue("3") int rebuildAfterCorrections,
        @DefaultValue("10m") Duration rebuildInterval) {}
