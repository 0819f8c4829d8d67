package org.civicloop.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI civicLoopApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("CivicLoop API")
                        .version("v1")
                        .description(
                                "Public API (/api/v1: report, follow a report, services) and staff API "
                                        + "(/api/staff/v1: resident messages, with an API token). Errors are RFC 9457 problem details.")
                        .license(new License().name("open source")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "apiToken",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "A token made with `civicloop admin create-token`, sent as Authorization: Bearer clt_…")));
    }
}
