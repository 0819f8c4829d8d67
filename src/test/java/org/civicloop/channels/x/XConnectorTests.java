package org.civicloop.channels.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class XConnectorTests {

    static XSettings settings(List<String> rules) {
        return new XSettings(
                true,
                URI.create("http://127.0.0.1:9"),
                "app",
                null,
                "RivertonCity",
                null,
                rules,
                "both",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    // no MessageManagement: these lines must never reach the store
    final XConnector connector = new XConnector(
            settings(List.of("@RivertonCity OR #rivertonfix", "from:someone")),
            null,
            JsonMapper.builder().build(),
            Clock.systemUTC());

    @Test
    void backsOffAsXDocuments() {
        assertThat(connector.networkWait(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(connector.networkWait(10)).isEqualTo(Duration.ofMillis(2500));
        assertThat(connector.networkWait(100)).isEqualTo(Duration.ofSeconds(16));
        var http = List.of(1, 2, 3, 7, 8, 30).stream()
                .map(a -> XConnector.exponential(Duration.ofSeconds(5), Duration.ofSeconds(320), a))
                .toList();
        assertThat(http)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(320),
                        Duration.ofSeconds(320),
                        Duration.ofSeconds(320));
        assertThat(XConnector.exponential(Duration.ofMinutes(1), Duration.ofMinutes(16), 3))
                .isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void keepAlivesErrorsRetweetsAndTheCitysOwnPostsStoreNothing() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/x/filtered-stream-1.jsonl"));
        String errors = lines.stream()
                .filter(l -> l.startsWith("{\"errors\""))
                .findFirst()
                .orElseThrow();
        String retweet = lines.stream()
                .filter(l -> l.contains("\"retweeted\""))
                .findFirst()
                .orElseThrow();
        String own = lines.stream()
                .filter(l -> l.contains("\"author_id\": \"1700000000000000001\""))
                .findFirst()
                .orElseThrow();
        connector.handle("");
        connector.handle("\r");
        connector.handle("not json");
        connector.handle(retweet);
        connector.handle(own);
        assertThat(connector.health().snapshot().errors()).isZero();
        connector.handle(errors);
        assertThat(connector.health().snapshot().errors()).isEqualTo(1);
        assertThat(connector.health().snapshot().lastErrorMessage()).contains("operational-disconnect");
    }

    @Test
    void theRecentSearchAsksForTheRulesWithoutRetweets() {
        assertThat(connector.searchQuery())
                .isEqualTo("((@RivertonCity OR #rivertonfix) OR (from:someone)) -is:retweet");
        assertThat(connector.cursorName()).isEqualTo("x:RivertonCity");
    }
}
