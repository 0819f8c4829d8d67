package org.civicloop.triage.privacy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one {@link PersonalDataRedactor}, for the configured phone region. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    PersonalDataRedactor personalDataRedactor(PrivacySettings settings) {
        return new PersonalDataRedactor(settings.phoneRegion());
    }
}
