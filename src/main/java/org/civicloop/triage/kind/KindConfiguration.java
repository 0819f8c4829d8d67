package org.civicloop.triage.kind;

import org.civicloop.triage.abuse.AbuseClassifier;
import org.civicloop.triage.urgency.UrgencyScorer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The kind classifier (the shipped kind model with this installation's abuse classifier) and the urgency rules. */
@Configuration(proxyBeanMethods = false)
class KindConfiguration {

    @Bean
    KindClassifier kindClassifier(AbuseClassifier abuse) {
        return KindClassifier.shipped(abuse);
    }

    @Bean
    UrgencyScorer urgencyScorer() {
        return new UrgencyScorer();
    }
}
