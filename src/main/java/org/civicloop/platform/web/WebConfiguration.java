package org.civicloop.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages: taken from the browser (Accept-Language) until the person picks one with the
 * switcher ({@code ?lang=es}), which is then remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("civicloop-lang") {
            @Override
            public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
                Locale locale = super.resolveLocale(request);
                return SUPPORTED.stream()
                        .filter(l -> l.getLanguage().equals(locale.getLanguage()))
                        .findFirst()
                        .orElse(Locale.ENGLISH);
            }
        };
        resolver.setDefaultLocaleFunction(request -> {
            var requested = java.util.Collections.list(request.getLocales());
            for (Locale l : requested) {
                for (Locale s : SUPPORTED) if (s.getLanguage().equals(l.getLanguage())) return s;
            }
            return Locale.ENGLISH;
        });
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}
