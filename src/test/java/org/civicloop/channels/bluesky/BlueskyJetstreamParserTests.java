package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Jetstream events from the real capture: only post creates become messages, deletes retract, nothing breaks the parser. */
class BlueskyJetstreamParserTests {

    final ObjectMapper json = JsonMapper.builder().build();
    final JetstreamParser parser = new JetstreamParser(json);

    static List<String> lines(java.nio.file.Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }

    @Test
    void theCaptureGivesOneMessagePerPostCreateWithTextAndOneRetraction() throws IOException {
        var lines = lines(SharedData.capture());
        assertThat(lines).hasSize(152);
        // computed from the file directly, not by the parser
        long postCreatesWithText = lines.stream()
                .map(json::readTree)
                .filter(e -> e.path("commit").path("operation").asString("").equals("create")
                        && e.path("commit").path("collection").asString("").equals("app.bsky.feed.post")
                        && !e.path("commit")
                                .path("record")
                                .path("text")
                                .asString("")
                                .isBlank())
                .count();
        long postDeletes = lines.stream()
                .map(json::readTree)
                .filter(e -> e.path("commit").path("operation").asString("").equals("delete")
                        && e.path("commit").path("collection").asString("").equals("app.bsky.feed.post"))
                .count();
        assertThat(postCreatesWithText).isEqualTo(16);
        assertThat(postDeletes).isEqualTo(1);

        var events = lines.stream().map(parser::parse).toList();
        Map<Class<?>, Long> byKind =
                events.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(byKind.getOrDefault(JetstreamEvent.Post.class, 0L)).isEqualTo(postCreatesWithText);
        assertThat(byKind.getOrDefault(JetstreamEvent.Deletion.class, 0L)).isEqualTo(postDeletes);
        assertThat(byKind.getOrDefault(JetstreamEvent.Invalid.class, 0L)).isZero();
        assertThat(byKind.getOrDefault(JetstreamEvent.Ignored.class, 0L))
                .isEqualTo(152 - postCreatesWithText - postDeletes);
        assertThat(events).allMatch(e -> e.timeUs() > 1_700_000_000_000_000L);
        assertThat(events)
                .filteredOn(JetstreamEvent.Deletion.class::isInstance)
                .map(e -> ((JetstreamEvent.Deletion) e).externalId())
                .containsExactly("at://did:plc:4smmjsqf6l5jkzczvw6vsrqc/app.bsky.feed.post/3mpt73z3ejc2p");
    }

    @Test
    void aReplyBecomesAnEnvelopeWithEveryField() throws IOException {
        String line = lines(SharedData.capture()).get(25);
        JsonNode event = json.readTree(line);
        var post = (JetstreamEvent.Post) parser.parse(line);
        var m = post.message();
        String did = event.path("did").asString();
        String rkey = event.path("commit").path("rkey").asString();
        assertThat(m.channel()).isEqualTo(ChannelKind.BLUESKY);
        assertThat(m.externalId()).isEqualTo("at://" + did + "/app.bsky.feed.post/" + rkey);
        assertThat(m.authorHandle()).isEqualTo(did);
        assertThat(m.text())
                .isEqualTo(event.path("commit").path("record").path("text").asString());
        assertThat(m.language()).isEqualTo("ko");
        assertThat(m.postedAt())
                .isEqualTo(Instant.parse(
                        event.path("commit").path("record").path("createdAt").asString()));
        assertThat(m.replyTo())
                .isEqualTo(event.path("commit")
                        .path("record")
                        .path("reply")
                        .path("parent")
                        .path("uri")
                        .asString())
                .startsWith("at://");
        assertThat(m.url()).isEqualTo("https://bsky.app/profile/" + did + "/post/" + rkey);
        assertThat(m.rawPayload()).isEqualTo(line);
        assertThat(post.timeUs()).isEqualTo(event.path("time_us").asLong());
    }

    @Test
    void theGoldenSetHasOnePostAndNothingInvalid() throws IOException {
        var events = lines(SharedData.golden()).stream().map(parser::parse).toList();
        assertThat(events).hasSize(10);
        assertThat(events).filteredOn(JetstreamEvent.Post.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(JetstreamEvent.Invalid.class::isInstance).isEmpty();
        assertThat(events).filteredOn(JetstreamEvent.Deletion.class::isInstance).isEmpty();
    }

    @Test
    void aHandleFromAnIdentityEventReplacesTheDid() throws IOException {
        String line = lines(SharedData.capture()).get(3);
        String did = json.readTree(line).path("did").asString();
        parser.parse("{\"did\":\"" + did + "\",\"time_us\":1783175888000000,\"kind\":\"identity\","
                + "\"identity\":{\"did\":\"" + did + "\",\"handle\":\"Resident.Example.org\",\"seq\":1}}");
        assertThat(((JetstreamEvent.Post) parser.parse(line)).message().authorHandle())
                .isEqualTo("resident.example.org");
    }

    ObjectNode mutate(String line, Consumer<ObjectNode> change) {
        var node = (ObjectNode) json.readTree(line);
        change.accept(node);
        return node;
    }

    static ObjectNode commit(ObjectNode event) {
        return (ObjectNode) event.get("commit");
    }

    static ObjectNode record(ObjectNode event) {
        return (ObjectNode) event.get("commit").get("record");
    }

    @Test
    void brokenEventsAreReportedNeverThrownNorStored() throws IOException {
        String line = lines(SharedData.capture()).get(3);
        assertThat(parser.parse(line)).isInstanceOf(JetstreamEvent.Post.class);
        List<String> broken = List.of(
                line.substring(0, line.length() / 2),
                "[]",
                "",
                mutate(line, e -> e.put("did", "DID:plc:abc")).toString(),
                mutate(line, e -> e.put("time_us", "soon")).toString(),
                mutate(line, e -> e.remove("commit")).toString(),
                mutate(line, e -> commit(e).put("rkey", "a/b")).toString(),
                mutate(line, e -> commit(e).put("collection", "app.bsky.feed.post#x"))
                        .toString(),
                mutate(line, e -> commit(e).put("operation", "explode")).toString(),
                mutate(line, e -> commit(e).remove("record")).toString(),
                mutate(line, e -> commit(e).remove("cid")).toString(),
                mutate(line, e -> record(e).put("$type", "app.bsky.feed.like")).toString(),
                mutate(line, e -> record(e).put("text", 42)).toString(),
                mutate(line, e -> record(e).put("text", "x".repeat(3001))).toString(),
                mutate(line, e -> record(e).put("text", "a\u0000b")).toString(),
                mutate(line, e -> record(e).put("facets", "none")).toString(),
                mutate(
                                line,
                                e -> record(e)
                                        .putObject("reply")
                                        .putObject("parent")
                                        .put("uri", "http://example.org"))
                        .toString());
        for (String event : broken) {
            assertThatCode(() -> parser.parse(event)).doesNotThrowAnyException();
            assertThat(parser.parse(event)).as(event).isInstanceOf(JetstreamEvent.Invalid.class);
        }
    }

    @Test
    void aBadCreatedAtFallsBackToTheEventTime() throws IOException {
        String line = lines(SharedData.capture()).get(3);
        var event = mutate(line, e -> record(e).put("createdAt", "1985-04-12T23:20:50.123-00:00"));
        var post = (JetstreamEvent.Post) parser.parse(event.toString());
        long timeUs = event.path("time_us").asLong();
        assertThat(post.message().postedAt()).isEqualTo(Instant.ofEpochSecond(0, timeUs * 1000));
    }

    @Test
    void noPrefixOfARealEventBreaksTheParser() throws IOException {
        for (String line : lines(SharedData.capture())) {
            for (int cut = 1; cut < line.length(); cut += 37) {
                String prefix = line.substring(0, cut);
                assertThatCode(() -> parser.parse(prefix)).doesNotThrowAnyException();
                assertThat(parser.parse(prefix)).isInstanceOf(JetstreamEvent.Invalid.class);
            }
        }
    }
}
