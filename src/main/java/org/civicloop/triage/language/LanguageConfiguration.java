package org.civicloop.triage.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one {@link LanguageIdentifier}, built from {@link LanguageSettings}. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean
    LanguageIdentifier languageIdentifier(LanguageSettings settings) {
        return new LanguageIdentifier(settings.languages(), settings.languageLowAccuracy());
    }
}
