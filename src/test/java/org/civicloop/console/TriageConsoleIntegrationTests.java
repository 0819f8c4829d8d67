package org.civicloop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Department;
import org.civicloop.cases.Service;
import org.civicloop.identity.AuditTrail;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.MessageTriage;
import org.civicloop.triage.TriageManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console shows what triage understood — language, emergency, service with confidence and
 * why, tone — with personal data hidden from roles that may not see it (and every view of the
 * original audited); staff correct the service; emergency alerts are on every page until someone
 * takes charge.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageConsoleIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageManagement messages;

    @Autowired
    TriageManagement triage;

    @Autowired
    CaseManagement cases;

    @Autowired
    AuditTrail audit;

    @BeforeAll
    void catalogue() {
        cases.saveDepartment(new Department("tc-works", "Public Works (console tests)", null));
        cases.saveService(new Service(
                "tc-graffiti",
                "Graffiti removal",
                "Graffiti or vandalism painted on walls, buildings, bridges or signs.",
                "tc-works",
                24,
                120,
                "graffiti, tag, spray paint"));
        cases.saveService(new Service(
                "tc-potholes",
                "Potholes",
                "A hole or crack in the road surface of a street.",
                "tc-works",
                24,
                120,
                "pothole, road, asphalt"));
        cases.saveService(new Service(
                "tc-noise",
                "Noise complaint",
                "Loud music, parties, barking dogs or construction noise at night.",
                "tc-works",
                24,
                120,
                "noise, loud, music, party"));
    }

    MessageId receive(ChannelKind channel, String handle, String text) {
        return messages.receive(new InboundMessage(
                        channel,
                        channel.code() + "-" + UUID.randomUUID(),
                        handle,
                        null,
                        text,
                        null,
                        Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        handle != null && handle.startsWith("+") ? new InboundMessage.Contact(null, handle) : null,
                        List.of(),
                        null))
                .messageId();
    }

    MockHttpServletResponse as(String role, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(role.toLowerCase() + "-tc").roles(role)))
                .andReturn()
                .getResponse();
    }

    String page(String role, String path) throws Exception {
        var response = as(role, get(path));
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void inboxAndMessagePageShowTriageWithPersonalDataHiddenFromViewers() throws Exception {
        String marker = "tc" + UUID.randomUUID().toString().substring(0, 8);
        var id = receive(
                ChannelKind.SMS,
                "+15557654321",
                "Ugly graffiti sprayed all over the bridge wall " + marker + ", call me at (401) 846-1234 <b>now</b>");
        var t = await(id, r -> r.category() != null);

        String inbox = page("VIEWER", "/console/inbox?q=" + marker);
        assertThat(inbox)
                .contains("call me at [phone] &lt;b&gt;now&lt;/b&gt;")
                .doesNotContain("846-1234")
                .doesNotContain("+15557654321")
                .contains("Graffiti removal")
                .contains(Math.round(t.category().confidence() * 100) + " % sure")
                .contains(">en<")
                .contains("sentiment-" + t.sentimentLabel());

        String viewerPage = page("VIEWER", "/console/messages/" + id.value());
        assertThat(viewerPage)
                .contains("call me at [phone]")
                .doesNotContain("846-1234")
                .contains("Personal data hidden: phone")
                .contains("id=\"triage-category\"")
                .contains("id=\"triage-why\"")
                .doesNotContain("id=\"correct-category-form\"");
        assertThat(audit.forSubject("message", id.toString()))
                .noneMatch(r -> r.action().equals("message.original-viewed"));

        String agentPage = page("AGENT", "/console/messages/" + id.value());
        assertThat(agentPage)
                .contains("(401) 846-1234 &lt;b&gt;now&lt;/b&gt;")
                .contains("your viewing is recorded")
                .contains("id=\"correct-category-form\"");
        assertThat(audit.forSubject("message", id.toString()))
                .anyMatch(r -> r.action().equals("message.original-viewed")
                        && r.actor().equals("agent-tc"));
    }

    @Test
    void staffCorrectTheServiceAndTheInboxSaysSo() throws Exception {
        String marker = "fix" + UUID.randomUUID().toString().substring(0, 8);
        var id = receive(
                ChannelKind.MASTODON, "@cy@social.example", "The road outside the school " + marker + " is awful");
        var machine = await(id, r -> r.category() != null).category();

        assertThat(as(
                                "VIEWER",
                                post("/console/messages/" + id.value() + "/category")
                                        .param("serviceCode", "tc-noise")
                                        .with(csrf()))
                        .getStatus())
                .isEqualTo(403);
        var unknown = as(
                "AGENT",
                post("/console/messages/" + id.value() + "/category")
                        .param("serviceCode", "no-such-service")
                        .with(csrf()));
        assertThat(unknown.getStatus()).isEqualTo(302);
        assertThat(triage.corrections(id)).isEmpty();

        var saved = as(
                "AGENT",
                post("/console/messages/" + id.value() + "/category")
                        .param("serviceCode", "tc-noise")
                        .with(csrf()));
        assertThat(saved.getStatus()).isEqualTo(302);
        var correction = triage.corrections(id).get(0);
        assertThat(correction.stage()).isEqualTo("category");
        assertThat(correction.oldValue()).isEqualTo(machine.service());
        assertThat(correction.newValue()).isEqualTo("tc-noise");
        assertThat(correction.correctedBy()).isEqualTo("agent-tc");

        String inbox = page("AGENT", "/console/inbox?q=" + marker);
        assertThat(inbox).contains("Noise complaint").contains("Corrected by staff");
        assertThat(page("VIEWER", "/console/messages/" + id.value())).contains("Corrected by agent-tc");
        assertThat(page("VIEWER", "/console/inbox?triage=corrected")).contains(marker);
        assertThat(page("VIEWER", "/console/inbox?triage=needs-human")).doesNotContain(marker);
    }

    @Test
    void needsAHumanListsExactlyTheUnsureUncorrectedMessages() throws Exception {
        String vague = "vg" + UUID.randomUUID().toString().substring(0, 8);
        String clear = "cl" + UUID.randomUUID().toString().substring(0, 8);
        var unsure = receive(ChannelKind.MASTODON, "@dee@social.example", "hello " + vague);
        var sure = receive(
                ChannelKind.MASTODON,
                "@dee@social.example",
                "Huge pothole in the road surface of Main Street, the asphalt is cracked " + clear);
        var u = await(unsure, r -> r.category() != null).category();
        var s = await(sure, r -> r.category() != null).category();
        assertThat(u.needsHuman()).isTrue();
        // other test classes share the database and add services of their own (several potholes):
        // how sure the clear report is depends on them, but it is surer than the vague one, and the
        // list shows exactly what triage decided
        assertThat(s.confidence()).isGreaterThan(u.confidence());
        String list = page("VIEWER", "/console/inbox?triage=needs-human");
        assertThat(list).contains(vague).contains("Needs a human");
        assertThat(list.contains(clear)).isEqualTo(s.needsHuman());
    }

    @Test
    void anEmergencyIsAlertedOnEveryPageUntilSomeoneTakesCharge() throws Exception {
        // an open console page listens for alerts
        var live = mvc.perform(
                        get("/console/alerts/stream").with(user("viewer-tc").roles("VIEWER")))
                .andReturn();
        assertThat(live.getRequest().isAsyncStarted()).isTrue();

        var id = receive(ChannelKind.SMS, "+15553334444", "There is smoke pouring out of the house next door on Elm");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (triage.alert(id).isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(triage.alert(id)).isPresent();
        while (!live.getResponse().getContentAsString().contains("event:alert")
                && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(live.getResponse().getContentAsString()).contains("event:alert\ndata:fire");

        for (String path : List.of("/console/inbox", "/console/cases", "/console/messages/" + id.value())) {
            assertThat(page("VIEWER", path)).as(path).contains("id=\"emergency-alert-banner\"");
        }
        assertThat(page("VIEWER", "/console/alerts/banner")).contains("waiting for someone to take charge");
        String alerts = page("AGENT", "/console/alerts");
        assertThat(alerts)
                .contains("data-message=\"" + id.value() + "\"")
                .contains("fire or smoke")
                .contains("smoke pouring")
                .contains("/console/alerts/" + id.value() + "/acknowledge");
        assertThat(page("VIEWER", "/console/alerts")).doesNotContain("/console/alerts/" + id.value() + "/acknowledge");
        await(id, r -> true);
        assertThat(page("VIEWER", "/console/inbox?triage=emergency")).contains("Emergency: fire or smoke");

        assertThat(as(
                                "VIEWER",
                                post("/console/alerts/" + id.value() + "/acknowledge")
                                        .with(csrf()))
                        .getStatus())
                .isEqualTo(403);
        assertThat(as(
                                "AGENT",
                                post("/console/alerts/" + id.value() + "/acknowledge")
                                        .with(csrf()))
                        .getStatus())
                .isEqualTo(302);
        var alert = triage.alert(id).orElseThrow();
        assertThat(alert.open()).isFalse();
        assertThat(alert.acknowledgedBy()).isEqualTo("agent-tc");
        assertThat(audit.forSubject("message", id.toString()))
                .anyMatch(r ->
                        r.action().equals("emergency.acknowledged") && r.actor().equals("agent-tc"));
        assertThat(page("VIEWER", "/console/alerts")).contains("Taken by agent-tc");
    }

    MessageTriage await(MessageId id, Predicate<MessageTriage> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            var result = triage.find(id);
            if (result.isPresent() && done.test(result.get())) return result.get();
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " was not triaged in time");
    }
}
