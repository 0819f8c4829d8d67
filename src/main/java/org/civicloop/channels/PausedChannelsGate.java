package org.civicloop.channels;

import java.util.EnumSet;
import java.util.Set;
import org.civicloop.replies.DeliveryGate;
import org.civicloop.shared.ChannelKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Replies on a channel wait in the outbox while one of its connectors is paused. */
@Component
class PausedChannelsGate implements DeliveryGate {

    private final ObjectProvider<ChannelConnector> connectors;

    PausedChannelsGate(ObjectProvider<ChannelConnector> connectors) {
        this.connectors = connectors;
    }

    @Override
    public Set<ChannelKind> held() {
        Set<ChannelKind> held = EnumSet.noneOf(ChannelKind.class);
        connectors.orderedStream().filter(c -> c.health().isPaused()).forEach(c -> held.add(c.kind()));
        return held;
    }
}
