package org.civicloop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The import page while an import runs: a progress bar that polls until the report replaces it. */
@SpringBootTest(properties = "civicloop.import.max-upload-size=200KB")
@AutoConfigureMockMvc
class ImportPageIntegrationTests {

    @Autowired
    ImportJobs jobs;

    @Autowired
    MockMvc mvc;

    @Test
    void aRunningImportShowsItsProgressAndPolls() throws Exception {
        byte[] csv = "text\nhello\n".getBytes(StandardCharsets.UTF_8);
        var job = jobs.upload("agent-progress", "log.csv", new ByteArrayInputStream(csv), csv.length);
        job.state = ImportJobs.State.RUNNING;
        job.done = 1;
        job.total = 4;

        String html = mvc.perform(get("/console/import/" + job.id + "/progress")
                        .with(user("agent-progress").roles("AGENT"))
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        var fragment = Jsoup.parse(html).selectFirst("#import-progress");
        assertThat(fragment).isNotNull();
        assertThat(fragment.attr("hx-get")).isEqualTo("/console/import/" + job.id + "/progress");
        assertThat(fragment.attr("hx-trigger")).isEqualTo("every 1s");
        assertThat(fragment.attr("hx-swap")).isEqualTo("outerHTML");
        assertThat(fragment.select("progress#import-bar").attr("value")).isEqualTo("25");
        assertThat(fragment.text()).contains("25 % done");

        var page = Jsoup.parse(mvc.perform(get("/console/import/" + job.id)
                        .with(user("agent-progress").roles("AGENT")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#import-progress progress#import-bar")).hasSize(1);
        assertThat(page.select("form.import-mapping")).isEmpty();
        assertThat(page.select("a[href=/console/import]").text()).contains("Import");
    }
}
