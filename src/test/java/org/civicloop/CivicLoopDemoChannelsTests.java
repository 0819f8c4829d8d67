package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code civicloop demo} turns on the city's own ActivityPub account unless the environment configures it. */
class CivicLoopDemoChannelsTests {

    @Test
    void theDemoCityHasItsActivityPubAccount() {
        assertThat(CivicLoop.demoChannels(Map.of()))
                .containsEntry("civicloop.channels.activitypub.enabled", "true")
                .containsEntry("civicloop.channels.activitypub.accounts", "riverton")
                .containsEntry("civicloop.channels.activitypub.names.riverton", "City of Riverton");
    }

    @Test
    void theEnvironmentDecidesWhenItSaysSomething() {
        assertThat(CivicLoop.demoChannels(
                        Map.of("CIVICLOOP_ACTIVITYPUB_ENABLED", "false", "CIVICLOOP_ACTIVITYPUB_ACCOUNTS", "city")))
                .isEmpty();
    }
}
