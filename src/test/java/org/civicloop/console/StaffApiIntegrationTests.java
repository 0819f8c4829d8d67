package org.civicloop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.civicloop.identity.ApiTokens;
import org.civicloop.identity.NewStaffUser;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The staff API answers only to valid tokens of enabled staff, with the inbox's filters. */
@SpringBootTest
@AutoConfigureMockMvc
class StaffApiIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiTokens tokens;

    @Autowired
    StaffManagement staff;

    @Autowired
    MessageManagement messages;

    String tokenFor(StaffRole role) {
        String username = "api-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffUser(username, null, "a long enough password", EnumSet.of(role), null), "test");
        return tokens.issue(username, "tests", "test").token();
    }

    MockHttpServletResponse call(String path, String token) throws Exception {
        var request = get(path);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void listsAndReadsMessagesWithFilters() throws Exception {
        String token = tokenFor(StaffRole.VIEWER);
        String marker = "api" + UUID.randomUUID().toString().substring(0, 8);
        var receipt = messages.receive(new InboundMessage(
                ChannelKind.SMS,
                "SM" + UUID.randomUUID(),
                "+18605550142",
                null,
                "Bulk pickup missed on Elm St " + marker,
                "en",
                Instant.now(),
                null,
                null,
                "12 Elm St",
                null,
                new InboundMessage.Contact(null, "+18605550142"),
                List.of(),
                null));

        var list = call("/api/staff/v1/messages?channel=sms&q=" + marker + "&since=2020-01-01T00:00:00Z", token);
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString())
                .contains(marker)
                .contains(receipt.publicReference())
                .contains("\"more\":false");

        var none = call("/api/staff/v1/messages?channel=mastodon&q=" + marker, token);
        assertThat(none.getContentAsString()).doesNotContain(marker);
        var future = call("/api/staff/v1/messages?q=" + marker + "&since=2999-01-01T00:00:00Z", token);
        assertThat(future.getContentAsString()).doesNotContain(marker);

        var one = call("/api/staff/v1/messages/" + receipt.messageId(), token);
        assertThat(one.getStatus()).isEqualTo(200);
        assertThat(one.getContentAsString()).contains("12 Elm St");
        assertThat(call("/api/staff/v1/messages/" + UUID.randomUUID(), token).getStatus())
                .isEqualTo(404);
    }

    @Test
    void personalDataIsHiddenFromViewersAndTheOriginalAuditedForAgents(
            @Autowired org.civicloop.identity.AuditTrail audit, @Autowired org.civicloop.triage.TriageManagement triage)
            throws Exception {
        String marker = "pd" + UUID.randomUUID().toString().substring(0, 8);
        var id = messages.receive(new InboundMessage(
                        ChannelKind.SMS,
                        "SM" + UUID.randomUUID(),
                        "+18605550143",
                        null,
                        "Call me back at (401) 846-1234 about the broken bench " + marker,
                        "en",
                        Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null))
                .messageId();
        java.time.Instant deadline = Instant.now().plusSeconds(60);
        while (triage.find(id).isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(100);

        String viewer = tokenFor(StaffRole.VIEWER);
        String listed = call("/api/staff/v1/messages?q=" + marker, viewer).getContentAsString();
        assertThat(listed)
                .contains("Call me back at [phone] about the broken bench " + marker)
                .doesNotContain("846-1234")
                .doesNotContain("+18605550143")
                .contains("\"triage\":{\"language\":\"en\"");
        assertThat(call("/api/staff/v1/messages/" + id, viewer).getContentAsString())
                .doesNotContain("846-1234");
        assertThat(audit.forSubject("message", id.toString())).isEmpty();

        String agent = tokenFor(StaffRole.AGENT);
        // lists are redacted for everyone; one message is the original, for those who may read it
        assertThat(call("/api/staff/v1/messages?q=" + marker, agent).getContentAsString())
                .doesNotContain("846-1234");
        assertThat(call("/api/staff/v1/messages/" + id, agent).getContentAsString())
                .contains("(401) 846-1234")
                .contains("+18605550143");
        assertThat(audit.forSubject("message", id.toString()))
                .singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo("message.original-viewed"));
    }

    @Test
    void refusesMissingWrongRevokedAndDisabledTokensWithProblemDetails() throws Exception {
        var missing = call("/api/staff/v1/messages", null);
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
        assertThat(call("/api/staff/v1/messages", "clt_not-a-token").getStatus())
                .isEqualTo(401);

        String username = "api-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(
                new NewStaffUser(username, null, "a long enough password", EnumSet.of(StaffRole.AGENT), null), "test");
        var issued = tokens.issue(username, "tests", "test");
        assertThat(call("/api/staff/v1/messages", issued.token()).getStatus()).isEqualTo(200);
        staff.setEnabled(username, false, "test");
        assertThat(call("/api/staff/v1/messages", issued.token()).getStatus()).isEqualTo(401);
        staff.setEnabled(username, true, "test");
        tokens.revoke(issued.id(), "test");
        assertThat(call("/api/staff/v1/messages", issued.token()).getStatus()).isEqualTo(401);
        // a console session cookie is no way in: the staff API is token-only and stateless
    }

    @Test
    void badParametersAreProblemDetailsNeverServerErrors() throws Exception {
        String token = tokenFor(StaffRole.AGENT);
        for (String query :
                List.of("limit=0", "limit=100000", "offset=-1", "channel=fax", "status=lost", "since=yesterday")) {
            var response = call("/api/staff/v1/messages?" + query, token);
            assertThat(response.getStatus()).as(query).isEqualTo(400);
            assertThat(response.getContentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(call("/api/staff/v1/messages/not-a-uuid", token).getStatus()).isEqualTo(400);
    }

    @Test
    void theApiIsDescribedInOpenApi() throws Exception {
        var docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
        assertThat(docs.getStatus()).isEqualTo(200);
        assertThat(docs.getContentAsString())
                .contains("/api/staff/v1/messages")
                .contains("/api/v1/reports")
                .contains("bearer")
                .doesNotContain("/console/inbox");
    }
}
