package org.civicloop.channels.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.testing.SharedData;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * CSV import against the database: the real Newport 311 file (counted independently here, with a
 * small RFC 4180 reader of the test's own), a file of invalid rows with the exact report, re-imports
 * that store nothing twice, and the console's upload → mapping → progress → report flow.
 */
@SpringBootTest(properties = "civicloop.import.max-upload-size=200KB")
@AutoConfigureMockMvc
class CsvImportIntegrationTests {

    static final ImportMapping NEWPORT =
            ImportMapping.parse("text=text,id=id,address=address,lat=lat,lng=lng,posted_at=created_at");

    @Autowired
    CsvImporter importer;

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @TempDir
    Path temp;

    @Test
    void theNewportFileImportsEveryValidRowOnceAndAgainNothing() throws Exception {
        Path file = SharedData.path("triage/newport-311-dev.csv");
        List<List<String>> records = rfc4180(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        assertThat(header).containsExactly("id", "text", "label", "address", "lat", "lng", "created_at");
        var valid = new ArrayList<List<String>>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() == header.size() && isValid(r)) valid.add(r);
        }
        long invalid = records.size() - 1 - valid.size();
        newportIds =
                records.subList(1, records.size()).stream().map(r -> r.get(0)).toArray(String[]::new);

        var options = new ImportOptions(NEWPORT, ChannelKind.OPEN311, null, ZoneOffset.UTC, false);
        var dry = importer.importFile(file, options.withDryRun(true), null);
        assertThat(dry.imported()).isEqualTo(valid.size());
        assertThat(countOpen311()).isZero();

        var progress = new ArrayList<Long>();
        var report = importer.importFile(file, options, (done, total) -> progress.add(done * 100 / total));
        assertThat(report.rows()).isEqualTo(records.size() - 1);
        assertThat(report.imported()).isEqualTo(valid.size());
        assertThat(report.invalid()).isEqualTo(invalid);
        assertThat(report.duplicates()).isZero();
        assertThat(countOpen311()).isEqualTo(valid.size());
        assertThat(progress).isSorted().last().isEqualTo(100L);

        // a text with quotes and line breaks arrives whole
        var multiline =
                valid.stream().filter(r -> r.get(1).contains("\n")).findFirst().orElseThrow();
        var stored =
                messages.findByExternalId(ChannelKind.OPEN311, multiline.get(0)).orElseThrow();
        assertThat(stored.text()).isEqualTo(multiline.get(1).strip());
        assertThat(stored.address()).isEqualTo(multiline.get(3).strip());
        assertThat(stored.location().latitude()).isEqualTo(Double.parseDouble(multiline.get(4)));
        assertThat(stored.postedAt()).isEqualTo(Instant.parse(multiline.get(6)));

        var again = importer.importFile(file, options, null);
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(valid.size());
        assertThat(countOpen311()).isEqualTo(valid.size());
    }

    @Test
    void invalidRowsAreReportedWithTheirReasonAndOnlyValidRowsImport() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path file = temp.resolve("counter-visits.csv");
        Files.writeString(file, invalidRowsFile(marker), StandardCharsets.UTF_8);
        var options = new ImportOptions(
                ImportMapping.parse("text=Description,name=Visitor,email=E-mail,phone=Phone,address=Where,lat=Lat,"
                        + "lng=Lon,posted_at=When,channel=Channel"),
                ChannelKind.IN_PERSON,
                "d/M/uuuu H:mm",
                ZoneOffset.ofHours(-4),
                false);

        var report = importer.importFile(file, options, null);

        assertThat(report.errors())
                .containsExactly(
                        new RowError(3, "Description", "missing text"),
                        new RowError(4, "When", "unparseable date \"yesterday\" (expected d/M/uuuu H:mm)"),
                        new RowError(5, "Lat", "latitude out of range (-90 to 90): 95.1"),
                        new RowError(6, "E-mail", "not an e-mail address: \"ana at example.org\""),
                        new RowError(7, "Channel", "unknown channel \"carrier pigeon\""),
                        new RowError(8, "Lon", "latitude without longitude"),
                        new RowError(9, "", "has 3 values, the header has 9"),
                        new RowError(10, "Description", "missing text"),
                        new RowError(10, "Phone", "not a phone number: \"call me\""));
        assertThat(report.rows()).isEqualTo(11);
        assertThat(report.invalid()).isEqualTo(8);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.duplicates()).isZero();

        var stored = jdbc.sql(
                        "SELECT channel, body, author_name, address, posted_at FROM message WHERE body LIKE :m ORDER BY posted_at")
                .param("m", "%" + marker + "%")
                .query((rs, i) -> Map.of(
                        "channel", rs.getString(1),
                        "body", rs.getString(2),
                        "name", String.valueOf(rs.getString(3)),
                        "postedAt", rs.getTimestamp(5).toInstant()))
                .list();
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0))
                .containsEntry("channel", "in_person")
                .containsEntry("body", "Broken swing at \"Oak\" park; " + marker + "\nkids could get hurt")
                .containsEntry("name", "Ana Ruiz")
                .containsEntry("postedAt", Instant.parse("2026-03-02T13:05:00Z"));
        assertThat(stored.get(1)).containsEntry("channel", "phone");
        assertThat(stored)
                .extracting(m -> m.get("body"))
                .noneMatch(b -> b.toString().contains("pigeon"));

        // the same file again: nothing new; its valid rows were stored once
        var again = importer.importFile(file, options, null);
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.errors()).isEqualTo(report.errors());
    }

    @Test
    void withoutAnIdColumnTheSameRowIsOneMessage() throws Exception {
        String marker = UUID.randomUUID().toString();
        Path file = temp.resolve("calls.csv");
        Files.writeString(
                file,
                "text;address\n"
                        + "Streetlight out " + marker + ";12 Bridge St\n"
                        + "\"Streetlight out " + marker + "\";12 Bridge St\n"
                        + "Graffiti " + marker + ";Elm St underpass\n",
                StandardCharsets.UTF_8);
        var options = new ImportOptions(
                ImportMapping.parse("text=text,address=address"), ChannelKind.PHONE, null, null, false);
        var first = importer.importFile(file, options, null);
        assertThat(first.imported()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        var second = importer.importFile(file, options, null);
        assertThat(second.imported()).isZero();
        assertThat(second.duplicates()).isEqualTo(3);
    }

    @Test
    void theConsoleUploadsMapsImportsAndReports() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        RequestPostProcessor agent = user("agent-" + marker).roles("AGENT");
        var upload = new MockMultipartFile(
                "file",
                "counter visits.csv",
                "text/csv",
                invalidRowsFile(marker).getBytes(StandardCharsets.UTF_8));

        String location = mvc.perform(
                        multipart("/console/import").file(upload).with(agent).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).matches("/console/import/[0-9a-f-]{36}");

        var page = Jsoup.parse(mvc.perform(get(location).with(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#preview thead th").eachText())
                .containsExactly("Description", "Visitor", "E-mail", "Phone", "Where", "Lat", "Lon", "When", "Channel");
        assertThat(page.select("#preview tbody tr")).hasSize(5);
        // the header names are recognised: the mapping is preselected
        assertThat(page.select("#map-text option[selected]").val()).isEqualTo("Description");
        assertThat(page.select("#map-lat option[selected]").val()).isEqualTo("Lat");

        // without the text column: refused, nothing started
        mvc.perform(post(location)
                        .param("map.text", "")
                        .param("channel", "in_person")
                        .with(agent)
                        .with(csrf()))
                .andExpect(status().isBadRequest());

        mvc.perform(post(location)
                        .param("map.text", "Description")
                        .param("map.name", "Visitor")
                        .param("map.email", "E-mail")
                        .param("map.phone", "Phone")
                        .param("map.address", "Where")
                        .param("map.lat", "Lat")
                        .param("map.lng", "Lon")
                        .param("map.posted_at", "When")
                        .param("map.channel", "Channel")
                        .param("channel", "in_person")
                        .param("timeFormat", "d/M/uuuu H:mm")
                        .param("zone", "-04:00")
                        .with(agent)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        String[] report = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            report[0] = mvc.perform(get(location + "/progress").with(agent).header("HX-Request", "true"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(report[0]).contains("data-state=\"done\"");
        });
        var done = Jsoup.parse(report[0]);
        assertThat(done.select("#import-progress").attr("hx-get")).isEmpty(); // polling stops
        assertThat(done.select("#report-rows").text()).isEqualTo("11");
        assertThat(done.select("#report-imported").text()).isEqualTo("3");
        assertThat(done.select("#report-invalid").text()).isEqualTo("8");
        assertThat(done.select("#import-errors tbody tr")).hasSize(9);
        assertThat(done.select("#import-errors tbody tr").get(1).text())
                .isEqualTo("4 When unparseable date \"yesterday\" (expected d/M/uuuu H:mm)");

        var csv = mvc.perform(get(location + "/errors.csv").with(agent))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getHeader("Content-Disposition")).contains("counter visits-errors.csv");
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8).split("\r\n"))
                .hasSize(10)
                .contains("row,column,reason", "5,Lat,latitude out of range (-90 to 90): 95.1");

        // another staff member does not see this import
        mvc.perform(get(location).with(user("someone-else").roles("AGENT"))).andExpect(status().isNotFound());
        // a viewer may not import
        mvc.perform(multipart("/console/import")
                        .file(upload)
                        .with(user("viewer").roles("VIEWER"))
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aFileThatIsNotCsvOrTooLargeIsRefusedClearly() throws Exception {
        RequestPostProcessor admin = user("admin-import").roles("ADMIN");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        var image = new MockMultipartFile("file", "photo.png", "image/png", png);
        var body = mvc.perform(
                        multipart("/console/import").file(image).with(admin).with(csrf()))
                .andExpect(status().isUnsupportedMediaType())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(body).select("#upload-error").text()).contains("This is not a CSV file");

        var disguised = new MockMultipartFile("file", "photo.csv", "text/csv", png);
        body = mvc.perform(
                        multipart("/console/import").file(disguised).with(admin).with(csrf()))
                .andExpect(status().isUnsupportedMediaType())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(body).select("#upload-error").text()).contains("binary data");

        byte[] big =
                ("text\n" + "A long line of a big phone log export\n".repeat(8000)).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(200 * 1024);
        var large = new MockMultipartFile("file", "big.csv", "text/csv", big);
        body = mvc.perform(multipart("/console/import").file(large).with(admin).with(csrf()))
                .andExpect(status().is(413))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(body).select("#upload-error").text()).contains("larger than 200 KB");

        var empty = new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]);
        mvc.perform(multipart("/console/import").file(empty).with(admin).with(csrf()))
                .andExpect(status().isBadRequest());
    }

    /**
     * A counter-visit log with a BOM, semicolons, quotes, a line break inside a value, and one
     * invalid row of each kind. Rows (as a spreadsheet numbers them, the header being 1): 2, 11 and
     * 12 valid; 3 to 10 invalid.
     */
    static String invalidRowsFile(String marker) {
        return "\uFEFFDescription;Visitor;E-mail;Phone;Where;Lat;Lon;When;Channel\r\n"
                + "\"Broken swing at \"\"Oak\"\" park; " + marker + "\nkids could get hurt\";Ana Ruiz;ana@example.org;"
                + "+1 503 555 0100;Oak Park;45.52;-122.67;2/3/2026 9:05;\r\n"
                + "   ;Bo;;;;;;2/3/2026 9:10;\r\n"
                + "Bench missing " + marker + ";Cy;;;;;;yesterday;\r\n"
                + "Flooded cellar " + marker + ";Di;;;;95.1;-122.6;2/3/2026 9:20;\r\n"
                + "Noise at night " + marker + ";Ed;ana at example.org;;;;;2/3/2026 9:25;\r\n"
                + "Dead tree " + marker + ";Fay;;;;;;2/3/2026 9:30;carrier pigeon\r\n"
                + "Blocked drain " + marker + ";Gus;;;;45.5;;2/3/2026 9:35;\r\n"
                + "Too;few;columns\r\n"
                + ";Hal;;call me;;;;2/3/2026 9:45;\r\n"
                + "Pothole on 5th " + marker + ";Ivy;;(503) 555-0199;5th Ave;;;2/3/2026 9:50;phone\r\n"
                + "Thanks for the fix " + marker + ";;;;;;;3/3/2026 8:00;In person\r\n";
    }

    private String[] newportIds;

    private long countOpen311() {
        return jdbc.sql("SELECT count(*) FROM message WHERE channel = 'open311' AND external_id = ANY(:ids)")
                .param("ids", newportIds)
                .query(Long.class)
                .single();
    }

    /** Valid by the import's rules: some text, coordinates in range, an ISO 8601 date. */
    private static boolean isValid(List<String> r) {
        if (r.get(1).isBlank()) return false;
        try {
            double lat = r.get(4).isBlank() ? 0 : Double.parseDouble(r.get(4).strip());
            double lng = r.get(5).isBlank() ? 0 : Double.parseDouble(r.get(5).strip());
            if (r.get(4).isBlank() != r.get(5).isBlank()) return false;
            if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return false;
            Instant.parse(r.get(6).strip());
            return !r.get(0).isBlank();
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    /** A small RFC 4180 reader, independent of the parser under test. */
    static List<List<String>> rfc4180(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        var records = new ArrayList<List<String>>();
        var record = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                record.add(field.toString());
                field.setLength(0);
                if (!(record.size() == 1 && record.get(0).isEmpty())) records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
