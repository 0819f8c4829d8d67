package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Which posts are addressed to the city. */
class BlueskyPostFilterTests {

    final ObjectMapper json = JsonMapper.builder().build();
    final PostFilter filter = new PostFilter(
            List.of("did:plc:cityofriverton000000000"), List.of("riverton.gov"), List.of("pothole", "#RivertonFix"));

    JsonNode record(String text, String facets) {
        return json.readTree("{\"$type\":\"app.bsky.feed.post\",\"text\":" + json.writeValueAsString(text)
                + (facets == null ? "" : ",\"facets\":" + facets) + "}");
    }

    @Test
    void aMentionFacetOfTheCityDidIsTaken() {
        String facets = "[{\"index\":{\"byteStart\":0,\"byteEnd\":9},\"features\":[{\"$type\":"
                + "\"app.bsky.richtext.facet#mention\",\"did\":\"did:plc:cityofriverton000000000\"}]}]";
        assertThat(filter.matches(record("@someone the bins were not emptied", facets)))
                .isTrue();
        assertThat(filter.matches(record("@someone the bins were not emptied", facets.replace("cityof", "other"))))
                .isFalse();
    }

    @Test
    void theHandleInTheTextIsTakenButNotALongerHandle() {
        assertThat(filter.matches(record("Hey @Riverton.gov, the light on 5th is out.", null)))
                .isTrue();
        assertThat(filter.matches(record("@riverton.gov", null))).isTrue();
        assertThat(filter.matches(record("ask @riverton.gov.example.com", null)))
                .isFalse();
        assertThat(filter.matches(record("ask @newriverton.gov", null))).isFalse();
        assertThat(filter.matches(record("mail me at bob@riverton.gov", null))).isFalse();
    }

    @Test
    void keywordsAndHashtagsAreCaseInsensitive() {
        assertThat(filter.matches(record("Huge POTHOLE on Main St", null))).isTrue();
        assertThat(filter.matches(record("fixed it #rivertonfix", null))).isTrue();
        String tag = "[{\"index\":{\"byteStart\":0,\"byteEnd\":4},\"features\":[{\"$type\":"
                + "\"app.bsky.richtext.facet#tag\",\"tag\":\"RIVERTONFIX\"}]}]";
        assertThat(filter.matches(record("look", tag))).isTrue();
        assertThat(filter.matches(record("a lovely day in the park", null))).isFalse();
    }
}
