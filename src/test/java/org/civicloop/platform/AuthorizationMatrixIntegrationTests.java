package org.civicloop.platform;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.civicloop.cases.Case;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Department;
import org.civicloop.cases.OpenCase;
import org.civicloop.cases.Service;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Role × route: who may see and who may change what. A staff route reached by someone without the
 * role is refused (403), an anonymous visitor is sent to sign in (302 to /login), and the public
 * pages are open to all.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests {

    static final List<String> ROLES = List.of("ADMIN", "AGENT", "DEPARTMENT_STAFF", "APPROVER", "VIEWER");

    @Autowired
    MockMvc mvc;

    @Autowired
    CaseManagement cases;

    @Autowired
    MessageManagement messages;

    UUID messageId;
    UUID caseId;

    @BeforeAll
    void data() {
        cases.saveDepartment(new Department("public-works", "Public Works", null));
        cases.saveService(new Service("pothole", "Pothole", "", "public-works", 24, 120, ""));
        messageId = messages.receive(new InboundMessage(
                        ChannelKind.SMS,
                        "auth-" + UUID.randomUUID(),
                        null,
                        null,
                        "Streetlight out on Bridge St",
                        "en",
                        java.time.Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null))
                .messageId()
                .value();
        Case c = cases.open(new OpenCase("pothole", null, "Pothole", "x", null, null, List.of()), "test");
        caseId = c.id().value();
    }

    /** A route, and the roles allowed on it (empty: public). */
    record Route(String name, java.util.function.Supplier<MockHttpServletRequestBuilder> request, Set<String> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    List<Route> routes() {
        Set<String> staff = Set.copyOf(ROLES);
        return List.of(
                new Route("GET /console/inbox", () -> get("/console/inbox"), staff),
                new Route("GET /console/cases", () -> get("/console/cases"), staff),
                new Route("GET /console/messages/{id}", () -> get("/console/messages/" + messageId), staff),
                new Route("GET /console/cases/{id}", () -> get("/console/cases/" + caseId), staff),
                new Route("GET /console/admin/users", () -> get("/console/admin/users"), Set.of("ADMIN")),
                new Route("GET /console/admin/channels", () -> get("/console/admin/channels"), Set.of("ADMIN")),
                new Route(
                        "POST /console/admin/channels/settings/{kind}",
                        // an unknown kind: refused on the page, nothing written
                        () -> post("/console/admin/channels/settings/telegraph").with(csrf()),
                        Set.of("ADMIN")),
                new Route("GET /console/admin/mail-import", () -> get("/console/admin/mail-import"), Set.of("ADMIN")),
                new Route(
                        "POST /console/admin/mail-import",
                        () -> post("/console/admin/mail-import").with(csrf()),
                        Set.of("ADMIN")),
                new Route("GET /console/import", () -> get("/console/import"), Set.of("ADMIN", "AGENT")),
                new Route(
                        "POST /console/messages/{id}/case",
                        () -> post("/console/messages/" + messageId + "/case")
                                .param("serviceCode", "")
                                .with(csrf()),
                        Set.of("ADMIN", "AGENT")),
                new Route("GET /console/alerts", () -> get("/console/alerts"), staff),
                new Route(
                        "POST /console/messages/{id}/category",
                        // no service chosen: refused on the page, nothing stored
                        () -> post("/console/messages/" + messageId + "/category")
                                .param("serviceCode", "")
                                .with(csrf()),
                        Set.of("ADMIN", "AGENT")),
                new Route(
                        "POST /console/messages/{id}/attach",
                        () -> post("/console/messages/" + messageId + "/attach")
                                .param("reference", "none")
                                .with(csrf()),
                        Set.of("ADMIN", "AGENT")),
                new Route(
                        "POST /console/cases/{id}/status",
                        () -> post("/console/cases/" + caseId + "/status")
                                .param("status", "")
                                .with(csrf()),
                        Set.of("ADMIN", "AGENT", "DEPARTMENT_STAFF")),
                new Route(
                        "POST /console/cases/{id}/assign",
                        () -> post("/console/cases/" + caseId + "/assign")
                                .param("assignee", "crew 4")
                                .with(csrf()),
                        Set.of("ADMIN", "AGENT", "DEPARTMENT_STAFF")),
                new Route(
                        "POST /console/admin/users",
                        () -> post("/console/admin/users").param("username", "").with(csrf()),
                        Set.of("ADMIN")));
    }

    Stream<Arguments> matrix() {
        return routes().stream()
                .flatMap(route -> Stream.concat(
                        ROLES.stream().map(role -> Arguments.of(route, role)),
                        Stream.of(Arguments.of(route, "ANONYMOUS"))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void onlyTheRightRolesGetThrough(Route route, String role) throws Exception {
        var request = route.request().get();
        request =
                role.equals("ANONYMOUS")
                        ? request.with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.anonymous())
                        : request.with(user("u-" + role).roles(role));
        var response = mvc.perform(request).andReturn().getResponse();
        if (role.equals("ANONYMOUS")) {
            org.assertj.core.api.Assertions.assertThat(response.getStatus())
                    .as("anonymous")
                    .isEqualTo(302);
            org.assertj.core.api.Assertions.assertThat(response.getRedirectedUrl())
                    .endsWith("/login");
        } else if (route.allowed().contains(role)) {
            org.assertj.core.api.Assertions.assertThat(response.getStatus())
                    .as(role + " allowed")
                    .isIn(200, 302);
            if (response.getStatus() == 302) {
                org.assertj.core.api.Assertions.assertThat(response.getRedirectedUrl())
                        .doesNotEndWith("/login");
            }
        } else {
            org.assertj.core.api.Assertions.assertThat(response.getStatus())
                    .as(role + " refused")
                    .isEqualTo(403);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"/", "/report", "/cases", "/login", "/actuator/health", "/api/v1/services"})
    void publicPagesAreOpenToEveryone(String path) throws Exception {
        org.assertj.core.api.Assertions.assertThat(
                        mvc.perform(get(path)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void aViewerSeesNoControlsToChangeACase() throws Exception {
        String page = mvc.perform(get("/console/cases/" + caseId).with(user("v").roles("VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page).doesNotContain("id=\"status-form\"");
        String agentPage = mvc.perform(
                        get("/console/cases/" + caseId).with(user("a").roles("AGENT")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        org.assertj.core.api.Assertions.assertThat(agentPage).contains("id=\"status-form\"");
    }
}
