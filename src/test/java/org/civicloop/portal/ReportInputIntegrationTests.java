package org.civicloop.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicloop.ingest.InboxFilter;
import org.civicloop.ingest.MessageManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** What residents send is checked: bad input gets a clear answer, and nothing invalid is stored. */
@SpringBootTest
@AutoConfigureMockMvc
class ReportInputIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageManagement messages;

    static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1
    };

    long storedWith(String marker) {
        return messages.inbox(new InboxFilter(null, null, marker), 500, 0).size();
    }

    MvcResult submit(String text, MockMultipartFile photo, boolean withCsrf) throws Exception {
        var request = multipart("/report")
                .param("submissionId", UUID.randomUUID().toString())
                .param("text", text)
                .param("address", "120 Mill St")
                .param("email", "resident@example.org");
        if (photo != null) request.file(photo);
        if (withCsrf) request.with(csrf());
        return mvc.perform(request).andReturn();
    }

    @Test
    void aReportIsStoredAndTheResidentGetsTheirReference() throws Exception {
        String marker = "ok" + UUID.randomUUID().toString().substring(0, 8);
        var result = submit(
                "Streetlight out on Bridge St " + marker,
                new MockMultipartFile("photo", "light.png", "image/png", PNG),
                true);
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).matches("/cases/M-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(storedWith(marker)).isEqualTo(1);
        var stored = messages.inbox(new InboxFilter(null, null, marker), 5, 0).get(0);
        assertThat(stored.channel()).isEqualTo("web");
        assertThat(stored.mediaCount()).isEqualTo(1);
        assertThat(messages.media(stored.id()).get(0).contentType()).isEqualTo("image/png");

        String page = mvc.perform(get(location)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(location.substring("/cases/".length())).doesNotContain("resident@example.org");
    }

    @Test
    void theSameFormSubmittedTwiceIsOneMessage() throws Exception {
        String marker = "twice" + UUID.randomUUID().toString().substring(0, 8);
        String submission = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(multipart("/report")
                    .param("submissionId", submission)
                    .param("text", "Graffiti " + marker)
                    .with(csrf()));
        }
        assertThat(storedWith(marker)).isEqualTo(1);
    }

    @Test
    void emptyTextIsRefusedWithTheMessageNextToTheFieldAndTheRestKept() throws Exception {
        var result = submit("   ", null, true);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String page = result.getResponse().getContentAsString();
        assertThat(page).contains("id=\"text-error\"").contains("Please tell us what is happening.");
        assertThat(page).contains("value=\"resident@example.org\"").contains("value=\"120 Mill St\"");
    }

    @Test
    void textOfMoreThan5000CharactersIsRefused() throws Exception {
        String marker = "long" + UUID.randomUUID().toString().substring(0, 8);
        String text = marker + " " + "x".repeat(5001 - marker.length() - 1);
        assertThat(text).hasSize(5001);
        var result = submit(text, null, true);
        assertThat(result.getResponse().getContentAsString()).contains("under 5,000 characters");
        assertThat(storedWith(marker)).isZero();
        // 5,000 exactly is fine
        assertThat(submit(text.substring(0, 5000), null, true).getResponse().getStatus())
                .isEqualTo(302);
    }

    @Test
    void aFileThatIsNotAPictureIsRefusedAndNothingIsStored() throws Exception {
        String marker = "pdf" + UUID.randomUUID().toString().substring(0, 8);
        var fake = new MockMultipartFile(
                "photo", "photo.jpg", "image/jpeg", "%PDF-1.7 not a picture".getBytes(StandardCharsets.UTF_8));
        var result = submit("Broken bench " + marker, fake, true);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains("The photo must be a picture");
        assertThat(storedWith(marker)).isZero();
    }

    @Test
    void aForgedOrMissingCsrfTokenIsRefusedAndNothingIsStored() throws Exception {
        String marker = "csrf" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(submit("Pothole " + marker, null, false).getResponse().getStatus())
                .isEqualTo(403);
        var forged = mvc.perform(multipart("/report")
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("text", "Pothole " + marker)
                        .with(SecurityMockMvcRequestPostProcessors.csrf().useInvalidToken()))
                .andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(storedWith(marker)).isZero();
    }

    @Test
    void residentTextIsAlwaysEscaped() throws Exception {
        String marker = "xss" + UUID.randomUUID().toString().substring(0, 8);
        submit("<script>alert('" + marker + "')</script><img src=x onerror=alert(1)>", null, true);
        var stored = messages.inbox(new InboxFilter(null, null, marker), 5, 0);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).text()).startsWith("<script>");
        String inbox = mvc.perform(get("/console/inbox")
                        .param("q", marker)
                        .with(SecurityMockMvcRequestPostProcessors.user("agent").roles("AGENT")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(inbox)
                .contains("&lt;script&gt;alert(")
                .doesNotContain("<script>alert(")
                .doesNotContain("<img src=x");
        String detail = mvc.perform(get("/console/messages/" + stored.get(0).id())
                        .with(SecurityMockMvcRequestPostProcessors.user("agent").roles("AGENT")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(detail).contains("&lt;script&gt;").doesNotContain("<script>alert(");
    }

    @Test
    void badLocationsAndContactsAreRefused() throws Exception {
        var result = mvc.perform(multipart("/report")
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("text", "Noise all night")
                        .param("latitude", "123")
                        .param("longitude", "abc")
                        .param("email", "not-an-email")
                        .param("phone", "call me maybe")
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString())
                .contains("Please enter an e-mail address")
                .contains("Please enter a phone number");
    }

    @Test
    void theJsonApiAnswersProblemDetails() throws Exception {
        var invalid = mvc.perform(post("/api/v1/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"\"}"))
                .andReturn()
                .getResponse();
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentType()).startsWith("application/problem+json");
        assertThat(invalid.getContentAsString()).contains("\"status\":400").contains("text");

        var garbage = mvc.perform(post("/api/v1/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andReturn()
                .getResponse();
        assertThat(garbage.getStatus()).isEqualTo(400);
        assertThat(garbage.getContentType()).startsWith("application/problem+json");

        var missing = mvc.perform(get("/api/v1/cases/CL-99-99999")).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentAsString()).contains("https://civicloop.org/problems/not-found");

        var created = mvc.perform(post("/api/v1/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Tree down on Canal Rd\",\"language\":\"en\"}"))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getHeader("Location")).startsWith("/api/v1/cases/M-");
        var status = mvc.perform(get(created.getHeader("Location"))).andReturn().getResponse();
        assertThat(status.getContentAsString()).contains("\"status\":\"received\"");
    }

    @Test
    void malformedUrlsAreClientErrorsNeverServerErrors() throws Exception {
        var agent = SecurityMockMvcRequestPostProcessors.user("agent").roles("AGENT");
        assertThat(mvc.perform(get("/console/messages/not-a-uuid").with(agent))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(mvc.perform(get("/console/cases/" + UUID.randomUUID()).with(agent))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/console/inbox")
                                .param("page", "-4")
                                .param("status", "bogus")
                                .param("channel", "<x>")
                                .with(agent))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/cases/" + "A".repeat(300)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/cases").param("reference", "<script>"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }
}
