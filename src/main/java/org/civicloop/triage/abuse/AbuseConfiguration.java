package org.civicloop.triage.abuse;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The abuse classifier of this installation: {@code <data>/models/abuse.bin} when built, else the seed model. */
@Configuration(proxyBeanMethods = false)
class AbuseConfiguration {

    @Bean
    AbuseClassifier abuseClassifier(@Value("${civicloop.data-dir:data}") String dataDirectory) {
        return AbuseModels.load(Path.of(dataDirectory));
    }
}
