package org.civicloop.channels;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.civicloop.identity.AuditTrail;
import org.civicloop.shared.ChannelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the administration page does with the channels: lists every connector with its health,
 * pauses and resumes one (kept across restarts), tests its connection, and edits the channels'
 * settings in {@code channels.yml}. Every change is in the audit trail, without secret values.
 * Also publishes each connector's health as metrics ({@code civicloop.channel.*}, tagged with the
 * connector and its kind).
 */
@Service
public class ChannelAdministration {

    private static final Logger log = LoggerFactory.getLogger(ChannelAdministration.class);

    /** One connector as the page shows it. */
    public record ConnectorStatus(String id, ChannelKind kind, String description, ConnectorHealth.Snapshot health) {}

    private final List<ChannelConnector> connectors;
    private final ChannelPauses pauses;
    private final AuditTrail audit;
    private final ChannelSettingsEditor settings;

    ChannelAdministration(
            List<ChannelConnector> connectors,
            ChannelPauses pauses,
            AuditTrail audit,
            ChannelSettingsEditor settings,
            ObjectProvider<MeterRegistry> meters) {
        this.connectors = connectors.stream()
                .sorted(Comparator.comparing(ChannelConnector::id))
                .toList();
        this.pauses = pauses;
        this.audit = audit;
        this.settings = settings;
        meters.ifAvailable(this::publishMetrics);
    }

    /**
     * Once everything has started: any connector paused before the restart that did not pause
     * itself at start is paused now, so its replies are held whatever the connector does.
     */
    @EventListener(ApplicationReadyEvent.class)
    void applyRememberedPauses() {
        for (ChannelConnector connector : connectors) {
            if (!connector.health().isPaused() && pauses.isPaused(connector.id())) {
                connector.pause();
                log.info("Channel {} stays paused, as it was before the restart", connector.id());
            }
        }
    }

    public List<ConnectorStatus> connectors() {
        return connectors.stream().map(ChannelAdministration::status).toList();
    }

    public ConnectorStatus connector(String id) {
        return status(find(id));
    }

    @Transactional
    public ConnectorStatus pause(String id, String actor) {
        ChannelConnector connector = find(id);
        pauses.pause(id, actor);
        audit.record(
                actor,
                "channel.paused",
                "channel",
                id,
                Map.of("kind", connector.kind().code()));
        connector.pause();
        log.info("Channel {} paused by {}", id, actor);
        return status(connector);
    }

    @Transactional
    public ConnectorStatus resume(String id, String actor) {
        ChannelConnector connector = find(id);
        pauses.resume(id);
        audit.record(
                actor,
                "channel.resumed",
                "channel",
                id,
                Map.of("kind", connector.kind().code()));
        connector.resume();
        log.info("Channel {} resumed by {}", id, actor);
        return status(connector);
    }

    /** Runs the connector's connection test (a cheap authenticated call; nothing is sent to anyone). */
    public ConnectorHealth.TestResult test(String id, String actor) {
        ChannelConnector connector = find(id);
        ConnectorHealth.TestResult result;
        try {
            result = connector.test();
        } catch (RuntimeException e) {
            result = ConnectorHealth.TestResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        audit.record(actor, "channel.tested", "channel", id, Map.of("ok", result.ok()));
        return result;
    }

    /** The settings forms, one per kind of connector, as they will apply at the next start. */
    public List<ChannelSettingsForm> settingsForms() {
        return settings.forms();
    }

    public boolean canStoreSecrets() {
        return settings.canStoreSecrets();
    }

    public String settingsFile() {
        return settings.file().toString();
    }

    /** Saves one kind's settings in {@code channels.yml}; they apply at the next start. */
    @Transactional
    public ChannelSettingsForm.SaveResult saveSettings(
            String kind, Map<String, String> values, Set<String> clearSecrets, String actor) {
        var result = settings.save(kind, values, clearSecrets);
        if (result.saved() && !result.changed().isEmpty()) {
            var details = new LinkedHashMap<String, Object>();
            details.put("changed", result.changed());
            details.put("file", result.file());
            audit.record(actor, "channel.settings.saved", "channel-settings", kind, details);
        }
        return result;
    }

    private ChannelConnector find(String id) {
        return connectors.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No channel " + id));
    }

    private static ConnectorStatus status(ChannelConnector connector) {
        return new ConnectorStatus(
                connector.id(),
                connector.kind(),
                connector.description(),
                connector.health().snapshot());
    }

    private void publishMetrics(MeterRegistry registry) {
        for (ChannelConnector connector : connectors) {
            Tags tags = Tags.of(
                    "connector", connector.id(), "kind", connector.kind().code());
            FunctionCounter.builder(
                            "civicloop.channel.messages",
                            connector,
                            c -> c.health().snapshot().messages())
                    .description("Messages the connector stored")
                    .tags(tags)
                    .register(registry);
            FunctionCounter.builder(
                            "civicloop.channel.errors",
                            connector,
                            c -> c.health().snapshot().errors())
                    .description("Errors the connector met")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("civicloop.channel.lag", connector, c -> {
                        var lag = c.health().snapshot().lag();
                        return lag == null ? Double.NaN : lag.toMillis() / 1000.0;
                    })
                    .description("How far behind its source the connector is")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("civicloop.channel.paused", connector, c -> c.health().isPaused() ? 1 : 0)
                    .description("1 while an administrator has paused the connector")
                    .tags(tags)
                    .register(registry);
        }
    }
}
