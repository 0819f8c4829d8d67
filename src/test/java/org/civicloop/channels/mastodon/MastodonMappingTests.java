package org.civicloop.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.civicloop.shared.ChannelKind;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Mastodon statuses as resident messages: the documentation's examples and real streamed statuses. */
class MastodonMappingTests {

    final ObjectMapper json = JsonMapper.builder().build();
    final StatusMapper mapper = new StatusMapper(json, "city.social");

    @Test
    void htmlBecomesPlainTextWithParagraphsLineBreaksMentionsAndLinkText() {
        assertThat(PlainText.of("<p>Pothole on Elm St</p><p>Still there<br>since Monday</p>"))
                .isEqualTo("Pothole on Elm St\n\nStill there\nsince Monday");
        assertThat(
                        PlainText.of(
                                "<p><span class=\"h-card\"><a href=\"https://city.social/@cityhall\" class=\"u-url mention\">"
                                        + "@<span>cityhall</span></a></span> the bin at <a href=\"https://x.example/p\"><span class=\"invisible\">https://</span>"
                                        + "<span class=\"ellipsis\">x.example</span><span class=\"invisible\">/p</span></a> &amp; more &lt;3</p>"))
                .isEqualTo("@cityhall the bin at https://x.example/p & more <3");
        assertThat(PlainText.of("<script>alert(1)</script>")).isEmpty();
        assertThat(PlainText.of(null)).isEmpty();
    }

    @Test
    void everyStatusOfTheDocumentationMapsWithoutError() throws IOException {
        var statuses = new ArrayList<JsonNode>();
        try (Stream<Path> files = Files.list(MastodonData.folder().resolve("json_examples"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode root;
                try {
                    root = json.readTree(Files.readString(file));
                } catch (RuntimeException e) {
                    continue;
                }
                if (root.isArray()) root.forEach(node -> addIfStatus(node, statuses));
                else addIfStatus(root, statuses);
            }
        }
        // counted independently: objects with content, account and uri (entities/Status, statuses 04 and 07)
        assertThat(statuses).hasSize(3);
        for (JsonNode status : statuses) {
            var mapped = mapper.map(status).orElseThrow(() -> new AssertionError("not mapped: " + status.path("id")));
            assertThat(mapped.message().channel()).isEqualTo(ChannelKind.MASTODON);
            assertThat(mapped.message().externalId())
                    .isEqualTo("city.social/" + status.path("id").stringValue());
            assertThat(mapped.message().text()).doesNotContainPattern("<[a-zA-Z/][^>]*>");
            assertThat(normalized(mapped.message().text()))
                    .isEqualTo(Jsoup.parse(status.path("content").stringValue()).text());
        }

        var gargron = mapper.map(statuses.get(0)).orElseThrow().message();
        assertThat(gargron.authorHandle()).isEqualTo("@Gargron@mastodon.social");
        assertThat(gargron.authorName()).isEqualTo("Eugen");
        assertThat(gargron.language()).isEqualTo("en");
        assertThat(gargron.postedAt()).isEqualTo(Instant.parse("2019-12-08T03:48:33.901Z"));
        assertThat(gargron.url()).isEqualTo("https://mastodon.social/@Gargron/103270115826048975");
        assertThat(gargron.text())
                .startsWith(
                        "\"I lost my inheritance with one wrong digit on my sort code\"\n\n"
                                + "https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code");
        assertThat(json.readTree(gargron.rawPayload()).path("uri").stringValue())
                .isEqualTo("https://mastodon.social/users/Gargron/statuses/103270115826048975");
    }

    @Test
    void everyStatusStreamedMapsAndAuthorsAreQualified() throws IOException {
        var statuses = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(MastodonData.streamingEvents())) {
            if (!line.startsWith("data: {")) continue;
            JsonNode node = json.readTree(line.substring(6));
            if (node.has("content") && node.has("account")) statuses.add(node);
            if (node.path("status").has("content")) statuses.add(node.path("status"));
            if (node.path("last_status").has("content")) statuses.add(node.path("last_status"));
        }
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode status : statuses) {
            var mapped = mapper.map(status).orElseThrow(() -> new AssertionError("not mapped: " + status.path("id")));
            assertThat(normalized(mapped.message().text()))
                    .isEqualTo(Jsoup.parse(status.path("content").stringValue())
                            .text()
                            .strip());
            String acct = status.path("account").path("acct").stringValue();
            assertThat(mapped.message().authorHandle()).startsWith("@" + acct).matches("@[^@]+@[^@]+");
        }
        var byId = statuses.stream()
                .collect(java.util.stream.Collectors.toMap(
                        s -> s.path("id").stringValue(), s -> mapper.map(s).orElseThrow(), (a, b) -> b));
        assertThat(byId.get("109348677773283527").message().authorHandle()).isEqualTo("@admin@mastodon.local");
        assertThat(byId.get("108914343542683797").message().text()).isEqualTo("@trwnh test");
        assertThat(byId.get("108914343542683797").mentions()).containsExactly("trwnh");
        assertThat(byId.get("108914327388663283").message().replyTo()).isEqualTo("city.social/108914298452377720");
        assertThat(byId.get("108914430312582020").tags()).containsExactly("test");
        assertThat(byId.get("108914430312582020").message().text()).isIn("#test", "#test but edited");
    }

    @Test
    void aContentWarningComesFirstAndBoostsOrMalformedStatusesAreSkipped() {
        String account = "\"account\":{\"id\":\"7\",\"acct\":\"ana\",\"username\":\"ana\",\"display_name\":\"\","
                + "\"url\":\"https://city.social/@ana\"}";
        var withWarning = mapper.read(
                        "{\"id\":\"42\",\"created_at\":\"2026-11-20T10:00:00Z\",\"spoiler_text\":\"Rats\","
                                + "\"content\":\"<p>Seen near the school</p>\"," + account + "}")
                .orElseThrow()
                .message();
        assertThat(withWarning.text()).isEqualTo("Rats\n\nSeen near the school");
        assertThat(withWarning.authorHandle()).isEqualTo("@ana@city.social");
        assertThat(withWarning.authorName()).isEqualTo("ana");

        var onlyPhoto = mapper.read("{\"id\":\"43\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"\","
                + "\"media_attachments\":[{\"url\":\"https://city.social/m.jpg\",\"description\":\"Broken swing\"}],"
                + account + "}");
        assertThat(onlyPhoto.orElseThrow().message().text()).isEqualTo("Broken swing");

        for (String bad : List.of(
                "not json",
                "[]",
                "{}",
                "{\"id\":\"44\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"<p>x</p>\"}",
                "{\"id\":\"45\",\"created_at\":\"yesterday\",\"content\":\"<p>x</p>\"," + account + "}",
                "{\"id\":\"../46\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"<p>x</p>\"," + account + "}",
                "{\"id\":\"47\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"<p> </p>\"," + account + "}",
                "{\"id\":\"48\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"\",\"reblog\":{\"id\":\"1\"},"
                        + account + "}")) {
            assertThat(mapper.read(bad)).as(bad).isEmpty();
        }
    }

    private static void addIfStatus(JsonNode node, List<JsonNode> statuses) {
        if (node.isObject() && node.has("content") && node.has("account") && node.has("uri")) statuses.add(node);
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
