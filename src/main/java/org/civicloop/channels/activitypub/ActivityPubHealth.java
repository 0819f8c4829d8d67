package org.civicloop.channels.activitypub;

import java.time.Clock;
import org.civicloop.channels.ConnectorHealth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The channel's health, shared by its inbox, its deliveries and its connector. */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubHealth {

    final ConnectorHealth health;

    ActivityPubHealth(Clock clock) {
        this.health = new ConnectorHealth(clock);
        // a webhook-style channel: running as soon as it exists, even before anyone posts to it
        this.health.started();
    }
}
