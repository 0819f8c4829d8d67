package org.civicloop.platform.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what. Public pages and the public API are open; every staff route needs a signed-in
 * member of staff, and changing anything needs a role that may change it. The rules are all here,
 * so that the authorisation matrix test reads them in one place.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] STAFF = {"ADMIN", "AGENT", "DEPARTMENT_STAFF", "APPROVER", "VIEWER"};

    /**
     * The staff API: stateless, signed in by an API token ({@code Authorization: Bearer clt_…}),
     * answering 401 and 403 as problem details.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain staffApi(HttpSecurity http, org.civicloop.identity.ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/staff/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(STAFF))
                .addFilterBefore(
                        new ApiTokenFilter(tokens),
                        org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                "unauthorized",
                                "Unauthorized",
                                "Send a valid API token: Authorization: Bearer clt_…"))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, 403, "forbidden", "Forbidden", "The token's owner may not do this.")))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** The API documentation page: public, and Swagger UI needs inline styles. */
    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain apiDocumentation(HttpSecurity http) throws Exception {
        http.securityMatcher("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
                                + "connect-src 'self'; frame-ancestors 'none'; object-src 'none'")));
        return http.build();
    }

    /**
     * The fediverse's side of the ActivityPub channel: WebFinger, actor documents, collections,
     * notes and inboxes. Public and stateless; an inbox authenticates each POST by its HTTP
     * Signature, not a session, so there is no CSRF token to check. (Absent when the channel is
     * off: the paths then answer 404.)
     */
    @Bean
    @org.springframework.core.annotation.Order(3)
    SecurityFilterChain activityPub(HttpSecurity http) throws Exception {
        http.securityMatcher("/.well-known/webfinger", "/users/**", "/inbox")
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(HttpMethod.GET, "/.well-known/webfinger", "/users/**")
                                .permitAll()
                                .requestMatchers(HttpMethod.POST, "/users/*/inbox", "/inbox")
                                .permitAll()
                                .anyRequest()
                                .denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    private static void problem(
            jakarta.servlet.http.HttpServletResponse response, int status, String type, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) response.setHeader("WWW-Authenticate", "Bearer");
        response.getWriter()
                .write("{\"type\":\"https://civicloop.org/problems/" + type + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/", "/report", "/cases", "/cases/*", "/lang", "/login", "/error", "/error/**")
                        .permitAll()
                        .requestMatchers("/uswds/**", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/api/v1/reports", "/api/v1/cases/*", "/api/v1/services")
                        .permitAll()
                        // SMS provider webhook: authenticated by its own request signature, not a session
                        .requestMatchers(HttpMethod.POST, "/channels/sms/twilio")
                        .permitAll()
                        .requestMatchers("/console/admin/**")
                        .hasRole("ADMIN")
                        // importing CSV files of resident messages: administrators and agents
                        .requestMatchers("/console/import", "/console/import/**")
                        .hasAnyRole("ADMIN", "AGENT")
                        .requestMatchers(
                                HttpMethod.POST,
                                "/console/messages/*/case",
                                "/console/messages/*/attach",
                                "/console/messages/*/category")
                        .hasAnyRole("ADMIN", "AGENT")
                        // taking charge of an emergency alert: whoever works cases
                        .requestMatchers(HttpMethod.POST, "/console/alerts/*/acknowledge")
                        .hasAnyRole("ADMIN", "AGENT", "DEPARTMENT_STAFF")
                        .requestMatchers(HttpMethod.POST, "/console/cases/**")
                        .hasAnyRole("ADMIN", "AGENT", "DEPARTMENT_STAFF")
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**")
                        .hasAnyRole(STAFF)
                        .anyRequest()
                        .denyAll())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/console/inbox")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .permitAll())
                // the public JSON API uses no cookies for authentication: nothing to forge
                // the token lives in its own cookie, not the session: a resident who leaves the
                // report form open longer than a session lasts can still send it
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .ignoringRequestMatchers("/api/v1/**", "/channels/sms/twilio"))
                .sessionManagement(session -> session.sessionFixation(fix -> fix.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                                                + "script-src 'self'; font-src 'self'; connect-src 'self'; "
                                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .httpBasic(basic -> basic.disable())
                .requestCache(withDefaults());
        return http.build();
    }
}
