package org.civicloop.channels.activitypub;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ActivityPub channel's plain-Java parts, configured from {@link ActivityPubSettings}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubConfiguration {

    @Bean
    SafeHttp activityPubHttp(ActivityPubSettings settings) {
        return new SafeHttp(
                settings.allowPrivateAddresses(),
                settings.connectTimeout(),
                settings.requestTimeout(),
                settings.maxResponseSize().toBytes());
    }

    @Bean
    HttpSignatures activityPubSignatures(Clock clock, ActivityPubSettings settings) {
        return new HttpSignatures(clock, settings.signatureSkew());
    }

    @Bean
    ActivityStreams activityStreams() {
        return new ActivityStreams();
    }
}
