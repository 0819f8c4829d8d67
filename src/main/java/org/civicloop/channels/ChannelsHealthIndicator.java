package org.civicloop.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} health contributor: {@code DEGRADED} while a connector is failing (its own
 * status, answered with HTTP 200 and ranked below {@code UP}, so that one failing network does not
 * take the whole application out of a load balancer), {@code UP} otherwise. The per-connector
 * details are shown only where the health endpoint shows details (never, by default).
 */
@Component("channelsHealthIndicator")
class ChannelsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A channel is failing");

    private final List<ChannelConnector> connectors;

    ChannelsHealthIndicator(List<ChannelConnector> connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        boolean failing = false;
        Health.Builder builder = Health.up();
        for (ChannelConnector connector : connectors) {
            var snapshot = connector.health().snapshot();
            failing |= snapshot.state() == ConnectorHealth.State.FAILING;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", snapshot.state().name());
            if (snapshot.lastSuccess() != null)
                details.put("lastSuccess", snapshot.lastSuccess().toString());
            if (snapshot.lag() != null) details.put("lagSeconds", snapshot.lag().toSeconds());
            details.put("messages", snapshot.messages());
            details.put("errors", snapshot.errors());
            if (snapshot.lastErrorMessage() != null) details.put("lastError", snapshot.lastErrorMessage());
            builder.withDetail(connector.id(), details);
        }
        return failing ? builder.status(DEGRADED).build() : builder.build();
    }
}
