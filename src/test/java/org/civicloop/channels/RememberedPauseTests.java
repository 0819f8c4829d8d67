package org.civicloop.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.civicloop.identity.AuditTrail;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** A pause outlives a restart even for a connector that does not look for it at start. */
class RememberedPauseTests {

    /** A connector that starts reading without asking whether it is paused. */
    static class Forgetful implements ChannelConnector {
        final ConnectorHealth health = new ConnectorHealth();

        @Override
        public String id() {
            return "csv:imports";
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.X;
        }

        @Override
        public String description() {
            return "a test connector";
        }

        @Override
        public ConnectorHealth health() {
            return health;
        }

        @Override
        public void pause() {
            health.paused(true);
        }

        @Override
        public void resume() {
            health.paused(false);
        }

        @Override
        public ConnectorHealth.TestResult test() {
            return ConnectorHealth.TestResult.ok("fine");
        }
    }

    @Test
    void aConnectorPausedBeforeTheRestartIsPausedWhenTheApplicationIsReadyAndItsRepliesHeld() {
        var connector = new Forgetful();
        connector.health.started();
        var other = new Forgetful() {
            @Override
            public String id() {
                return "other";
            }

            @Override
            public ChannelKind kind() {
                return ChannelKind.SMS;
            }
        };
        ChannelPauses pauses = mock(ChannelPauses.class);
        when(pauses.isPaused("csv:imports")).thenReturn(true);
        var factory = new StaticListableBeanFactory(Map.of("a", connector, "b", other));
        var administration = new ChannelAdministration(
                List.of(connector, other),
                pauses,
                mock(AuditTrail.class),
                mock(ChannelSettingsEditor.class),
                factory.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
        var gate = new PausedChannelsGate(factory.getBeanProvider(ChannelConnector.class));
        assertThat(gate.held()).isEmpty();

        administration.applyRememberedPauses();

        assertThat(connector.health().snapshot().state()).isEqualTo(ConnectorHealth.State.PAUSED);
        assertThat(other.health().isPaused()).isFalse();
        assertThat(gate.held()).containsExactly(ChannelKind.X);
    }
}
