package org.civicloop.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's own request-validator vectors ({@code ../shared/data/protocol/twilio}): every one behaves
 * as the file states. Found (and required in CI) as {@link org.civicloop.testing.SharedData} says.
 */
class TwilioSignatureTests {

    static final String VECTORS = "protocol/twilio/twilio_request_validator_vectors.json";

    record Vector(
            String name,
            String token,
            String url,
            Map<String, List<String>> params,
            String body,
            String signature,
            boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> vectors() throws IOException {
        Path vectors = org.civicloop.testing.SharedData.path(VECTORS);
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(vectors));
        String token = root.get("auth_token").asString();
        List<Vector> list = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            Map<String, List<String>> params = null;
            if (c.has("params")) {
                params = new LinkedHashMap<>();
                for (var e : c.get("params").properties())
                    params.put(e.getKey(), List.of(e.getValue().asString()));
            }
            list.add(new Vector(
                    c.get("name").asString(),
                    token,
                    c.get("url").asString(),
                    params,
                    c.has("body") ? c.get("body").asString() : null,
                    c.get("expected_signature").asString(),
                    c.get("valid").asBoolean()));
        }
        return list;
    }

    static Stream<Vector> allVectors() throws IOException {
        return vectors().stream();
    }

    @Test
    void theFileHoldsAllEightVectors() throws IOException {
        var vectors = vectors();
        assertThat(vectors).hasSize(8);
        assertThat(vectors).extracting(Vector::name).doesNotHaveDuplicates();
        assertThat(vectors).filteredOn(v -> !v.valid()).hasSize(1);
        assertThat(vectors).filteredOn(v -> v.body() != null).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void eachVectorBehavesAsStated(Vector v) {
        var signature = new TwilioSignature(v.token());
        boolean verdict = v.body() != null
                ? signature.isValidWithBody(v.url(), v.body(), v.signature())
                : signature.isValid(v.url(), v.params(), v.signature());
        assertThat(verdict).as(v.name()).isEqualTo(v.valid());
        if (v.valid()) {
            // and the same request with something changed is refused
            if (v.body() != null) {
                assertThat(signature.isValidWithBody(v.url(), v.body() + " ", v.signature()))
                        .as("tampered body")
                        .isFalse();
            } else {
                var tampered = new LinkedHashMap<>(v.params());
                tampered.put("To", List.of("+18005550000"));
                assertThat(signature.isValid(v.url(), tampered, v.signature()))
                        .as("tampered parameter")
                        .isFalse();
            }
            assertThat(new TwilioSignature("54321").isValid(v.url(), v.params(), v.signature()))
                    .as("another account's token")
                    .isFalse();
        }
    }

    @Test
    void theFormVectorIsReproducedExactly() throws IOException {
        var form = vectors().get(0);
        assertThat(new TwilioSignature(form.token()).sign(form.url(), form.params()))
                .isEqualTo(form.signature());
    }

    @Test
    void aMissingOrEmptySignatureIsNeverValid() {
        var signature = new TwilioSignature("12345");
        assertThat(signature.isValid("https://x.example/sms", Map.of(), null)).isFalse();
        assertThat(signature.isValid("https://x.example/sms", Map.of(), "")).isFalse();
        assertThat(signature.isValidWithBody(
                        "https://x.example/sms", "{}", signature.sign("https://x.example/sms", Map.of())))
                .as("a body without bodySHA256 in the URL")
                .isFalse();
    }

    @Test
    void portsAreAddedAndRemovedByScheme() {
        assertThat(TwilioSignature.withDefaultPort("https://a.example/x?y=1")).contains("https://a.example:443/x?y=1");
        assertThat(TwilioSignature.withDefaultPort("http://a.example/x")).contains("http://a.example:80/x");
        assertThat(TwilioSignature.withDefaultPort("http://a.example:8080/x")).contains("http://a.example:8080/x");
        assertThat(TwilioSignature.withoutPort("https://a.example:1234/x")).contains("https://a.example/x");
    }
}
