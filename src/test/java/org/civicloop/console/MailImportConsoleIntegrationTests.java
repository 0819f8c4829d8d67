package org.civicloop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Administrators upload .mbox/.eml files in the console; nobody else may. */
@SpringBootTest
@AutoConfigureMockMvc
class MailImportConsoleIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageManagement messages;

    static byte[] mbox(String run) {
        return ("From lee@example.org Wed Nov 25 10:00:00 2026\n"
                        + "From: Lee <lee@example.org>\nSubject: Bench\nMessage-ID: <" + run + "-1@example.org>\n\n"
                        + "The bench is broken.\n\n"
                        + "From away@example.org Wed Nov 25 10:01:00 2026\n"
                        + "From: Away <away@example.org>\nSubject: Away\nAuto-Submitted: auto-replied\n"
                        + "Message-ID: <" + run + "-2@example.org>\n\nI am away.\n\n"
                        + "From kim@example.org Wed Nov 25 10:02:00 2026\n"
                        + "From: Kim <kim@example.org>\nSubject: Lamp\nMessage-ID: <" + run + "-3@example.org>\n"
                        + "Content-Type: text/html; charset=UTF-8\n\n<p>The lamp <script>alert(1)</script>is out</p>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    String upload(MockMultipartFile file, String role, int status) throws Exception {
        var response = mvc.perform(multipart("/console/admin/mail-import")
                        .file(file)
                        .with(csrf())
                        .with(user("mail-admin").roles(role)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anAdministratorImportsAnMboxOnceAndSeesWhatWasSkipped() throws Exception {
        String run = UUID.randomUUID().toString();
        var file = new MockMultipartFile("files", "<b>city</b>.mbox", "application/mbox", mbox(run));

        String page = upload(file, "ADMIN", 200);
        assertThat(page)
                .contains("3 messages: 2 stored, 0 already there, 1 skipped, 0 not readable.")
                .contains("skipped, Auto-Submitted: auto-replied")
                .doesNotContain("<b>city</b>");
        var lamp = messages.findByExternalId(ChannelKind.EMAIL, run + "-3@example.org")
                .orElseThrow();
        assertThat(lamp.text()).isEqualTo("Lamp\n\nThe lamp is out");

        String again = upload(file, "ADMIN", 200);
        assertThat(again).contains("3 messages: 0 stored, 2 already there, 1 skipped, 0 not readable.");
    }

    @Test
    void onlyAdministratorsMayImportAndAnEmptyUploadIsExplained() throws Exception {
        var file = new MockMultipartFile(
                "files", "x.mbox", "application/mbox", mbox(UUID.randomUUID().toString()));
        int status = mvc.perform(multipart("/console/admin/mail-import")
                        .file(file)
                        .with(csrf())
                        .with(user("agent").roles("AGENT")))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).isEqualTo(403);

        String empty = mvc.perform(multipart("/console/admin/mail-import")
                        .with(csrf())
                        .with(user("mail-admin").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(empty).contains("Choose at least one file.");

        String form = mvc.perform(get("/console/admin/mail-import")
                        .with(user("mail-admin").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(form).contains("enctype=\"multipart/form-data\"").contains("./civicloop import mail");
    }
}
