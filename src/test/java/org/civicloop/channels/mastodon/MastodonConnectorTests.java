package org.civicloop.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Which statuses are addressed to the city, which streams are followed, how cursors move. */
class MastodonConnectorTests {

    static final String ACCOUNT =
            "\"account\":{\"id\":\"7\",\"acct\":\"ana\",\"username\":\"ana\",\"url\":\"https://city.social/@ana\"}";

    final MastodonSettings settings = new MastodonSettings(
            true,
            URI.create("https://city.social:8443"),
            "t",
            "@CityHall",
            List.of("#Potholes", " riverton "),
            List.of("user", "hashtag"),
            null,
            null,
            null,
            null);
    final MastodonConnector connector =
            new MastodonConnector(settings, null, JsonMapper.builder().build());
    final StatusMapper mapper = new StatusMapper(JsonMapper.builder().build(), settings.instance());

    StatusMapper.Status status(String mentions, String tags) {
        return mapper.read("{\"id\":\"5\",\"created_at\":\"2026-11-20T10:00:00Z\",\"content\":\"<p>hi</p>\","
                        + "\"mentions\":[" + mentions + "],\"tags\":[" + tags + "]," + ACCOUNT + "}")
                .orElseThrow();
    }

    @Test
    void aStatusIsForTheCityWhenItMentionsItsAccountOrCarriesAFollowedTag() {
        assertThat(connector.relevant(status("{\"acct\":\"cityhall\"}", ""))).isTrue();
        assertThat(connector.relevant(status("{\"acct\":\"cityhall@city.social:8443\"}", "")))
                .isTrue();
        assertThat(connector.relevant(status("", "{\"name\":\"Potholes\"}"))).isTrue();
        assertThat(connector.relevant(status("{\"acct\":\"cityhall@elsewhere.social\"}", "{\"name\":\"bikes\"}")))
                .isFalse();
        assertThat(connector.relevant(status("", ""))).isFalse();
    }

    @Test
    void oneUserStreamAndOneStreamPerTagEachWithItsCursor() {
        assertThat(settings.hashtags()).containsExactly("potholes", "riverton");
        assertThat(connector.feeds())
                .extracting(MastodonConnector.Feed::path)
                .containsExactly(
                        "/api/v1/streaming/user",
                        "/api/v1/streaming/hashtag?tag=potholes",
                        "/api/v1/streaming/hashtag?tag=riverton");
        assertThat(connector.feeds().stream().map(connector::cursorName))
                .containsExactly(
                        "mastodon:city.social:8443",
                        "mastodon:city.social:8443#potholes",
                        "mastodon:city.social:8443#riverton");
    }

    @Test
    void idsAreOrderedAsNumbersNotAsText() {
        assertThat(Stream.of("108914430312582020", "99", "108914343542683797", "1")
                        .sorted(MastodonConnector.ORDER))
                .containsExactly("1", "99", "108914343542683797", "108914430312582020");
    }
}
