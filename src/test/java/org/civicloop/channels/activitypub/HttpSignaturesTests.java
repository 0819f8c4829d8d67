package org.civicloop.channels.activitypub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.civicloop.channels.activitypub.HttpSignatures.HttpSignatureException;
import org.civicloop.channels.activitypub.HttpSignatures.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The draft-cavage Appendix C vectors ({@code ../shared/data/protocol/http_signatures}): each verifies,
 * is reproduced by signing, and stops verifying when one byte of what it covers changes. Found, and
 * required in CI, as {@link org.civicloop.testing.SharedData} says.
 */
class HttpSignaturesTests {

    static final Path FOLDER = org.civicloop.testing.SharedData.root().resolve("protocol/http_signatures");

    /** The vectors' Date: Sun, 05 Jan 2014 21:31:40 GMT. */
    static final Instant SENT = Instant.parse("2014-01-05T21:31:40Z");

    record Case(String name, List<String> headers, String signingString, String signature, Request request) {
        @Override
        public String toString() {
            return name;
        }

        String signatureHeader(String algorithm) {
            return "keyId=\"Test\",algorithm=\"" + algorithm + "\","
                    + (headers == null ? "" : "headers=\"" + String.join(" ", headers) + "\",") + "signature=\""
                    + signature + "\"";
        }

        Request signed() {
            return request.with("Signature", signatureHeader("rsa-sha256"));
        }

        List<String> coveredHeaders() {
            return headers == null ? List.of("date") : headers;
        }
    }

    static JsonNode vectorsFile() throws IOException {
        Path file = org.civicloop.testing.SharedData.path("protocol/http_signatures/cavage_appendix_c_vectors.json");
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    static List<Case> cases() throws IOException {
        JsonNode root = vectorsFile();
        JsonNode r = root.get("request");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (JsonNode h : r.get("headers"))
            headers.put(h.get(0).asString(), List.of(h.get(1).asString()));
        var request = new Request(
                r.get("method").asString(),
                r.get("path").asString(),
                headers,
                r.get("body").asString().getBytes(StandardCharsets.UTF_8));
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            JsonNode h = c.get("headers");
            cases.add(new Case(
                    c.get("name").asString(),
                    h == null || h.isNull() ? null : List.of(h.asString().split(" ")),
                    c.get("signing_string").asString(),
                    c.get("signature").asString(),
                    request));
        }
        return cases;
    }

    static Stream<Case> allCases() throws IOException {
        return cases().stream();
    }

    static PublicKey publicKey() throws IOException {
        vectorsFile();
        return HttpSignatures.publicKey(Files.readString(FOLDER.resolve("cavage_test_pub.pem")));
    }

    static PrivateKey privateKey() throws IOException {
        vectorsFile();
        return HttpSignatures.privateKey(Files.readString(FOLDER.resolve("cavage_test_priv.pem")));
    }

    static HttpSignatures at(Instant now) {
        return new HttpSignatures(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theFileHoldsTheThreeAppendixCCases() throws IOException {
        assertThat(cases())
                .extracting(Case::name)
                .containsExactly("C.1 Default Test", "C.2 Basic Test", "C.3 All Headers Test");
        assertThat(vectorsFile().get("public_key_pem").asString())
                .isEqualToIgnoringWhitespace(Files.readString(FOLDER.resolve("cavage_test_pub.pem")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void theSigningStringIsBuiltAsTheDraftShows(Case c) throws Exception {
        var header = HttpSignatures.parse(c.signatureHeader("rsa-sha256"));
        assertThat(header.keyId()).isEqualTo("Test");
        assertThat(header.headers()).isEqualTo(c.coveredHeaders());
        assertThat(HttpSignatures.signingString(c.request(), header.headers())).isEqualTo(c.signingString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void eachVectorVerifies(Case c) throws Exception {
        var header = at(SENT).verify(c.signed(), publicKey());
        assertThat(header.keyId()).isEqualTo("Test");
        // hs2019 names the algorithm by the key: an RSA key means RSA-SHA256
        assertThatCode(() -> at(SENT).verify(c.request().with("Signature", c.signatureHeader("hs2019")), publicKey()))
                .doesNotThrowAnyException();
        // and the Authorization form is accepted too
        assertThatCode(() -> at(SENT).verify(
                                c.request().with("Authorization", "Signature " + c.signatureHeader("rsa-sha256")),
                                publicKey()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void signingWithThePrivateKeyReproducesTheSignature(Case c) throws Exception {
        String header = HttpSignatures.sign(c.request(), "Test", privateKey(), c.coveredHeaders());
        assertThat(HttpSignatures.parse(header).signature())
                .isEqualTo(Base64.getDecoder().decode(c.signature()));
        assertThatCode(() -> at(SENT).verify(c.request().with("Signature", header), publicKey()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void changingOneByteOfASignedHeaderBreaksIt(Case c) throws Exception {
        Request signed = c.signed();
        for (String name : c.coveredHeaders()) {
            Request tampered;
            if (name.equals("(request-target)")) {
                tampered = new Request(
                        signed.method(), signed.target().replace("dog", "cat"), signed.headers(), signed.body());
            } else if (name.equals("date")) {
                tampered = signed.with(name, signed.header(name).replace(":40 ", ":41 "));
            } else {
                String value = signed.header(name);
                char last = value.charAt(value.length() - 1);
                tampered = signed.with(name, value.substring(0, value.length() - 1) + (char) (last ^ 1));
            }
            assertThatThrownBy(() -> at(SENT).verify(tampered, publicKey()))
                    .as("tampered " + name)
                    .isInstanceOf(HttpSignatureException.class)
                    .hasMessageContaining(
                            name.equals("digest") ? "Digest does not match" : "signature does not verify");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void changingOneByteOfTheBodyBreaksIt(Case c) throws Exception {
        byte[] body = c.request().body().clone();
        body[body.length - 2] ^= 1;
        Request signed = c.signed();
        var tampered = new Request(signed.method(), signed.target(), signed.headers(), body);
        assertThatThrownBy(() -> at(SENT).verify(tampered, publicKey()))
                .isInstanceOf(HttpSignatureException.class)
                .hasMessageContaining("Digest does not match");
    }

    @Test
    void whenTheDigestIsSignedReplacingBodyAndDigestTogetherStillFails() throws Exception {
        Case all = cases().get(2);
        assertThat(all.coveredHeaders()).contains("digest");
        byte[] body = "{\"hello\": \"worle\"}".getBytes(StandardCharsets.UTF_8);
        Request signed = all.signed();
        var tampered = new Request(signed.method(), signed.target(), signed.headers(), body)
                .with("Digest", HttpSignatures.digest(body));
        assertThatThrownBy(() -> at(SENT).verify(tampered, publicKey()))
                .isInstanceOf(HttpSignatureException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void theDigestHeaderIsTheBodysSha256() throws Exception {
        Request request = cases().get(0).request();
        assertThat(HttpSignatures.digest(request.body())).isEqualTo(request.header("digest"));
        assertThat(HttpSignatures.digestMatches(
                        "sha-256=" + request.header("digest").substring(8), request.body()))
                .isTrue();
        assertThat(HttpSignatures.digestMatches(
                        "SHA-256=" + HttpSignatures.digest(new byte[0]).substring(8), request.body()))
                .isFalse();
        assertThat(HttpSignatures.digestMatches("MD5=abc", request.body())).isFalse();
        assertThat(HttpSignatures.digestMatches(null, request.body())).isFalse();
    }

    @Test
    void aDateTooFarFromNowIsRefused() throws Exception {
        Case c = cases().get(1);
        Duration hours11 = Duration.ofHours(11);
        Duration hours13 = Duration.ofHours(13);
        assertThatCode(() -> at(SENT.plus(hours11)).verify(c.signed(), publicKey()))
                .doesNotThrowAnyException();
        assertThatCode(() -> at(SENT.minus(hours11)).verify(c.signed(), publicKey()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> at(SENT.plus(hours13)).verify(c.signed(), publicKey()))
                .isInstanceOf(HttpSignatureException.class)
                .hasMessageContaining("from now");
        assertThatThrownBy(() -> at(SENT.minus(hours13)).verify(c.signed(), publicKey()))
                .hasMessageContaining("from now");
        var strict = new HttpSignatures(Clock.fixed(SENT.plusSeconds(31), ZoneOffset.UTC), Duration.ofSeconds(30));
        assertThatThrownBy(() -> strict.verify(c.signed(), publicKey())).hasMessageContaining("from now");
    }

    @Test
    void anotherKeyOrAlgorithmOrMissingPartsAreRefused() throws Exception {
        Case c = cases().get(2);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PublicKey other = generator.generateKeyPair().getPublic();
        assertThatThrownBy(() -> at(SENT).verify(c.signed(), other)).hasMessageContaining("does not verify");
        assertThatThrownBy(() ->
                        at(SENT).verify(c.request().with("Signature", c.signatureHeader("hmac-sha256")), publicKey()))
                .hasMessageContaining("unsupported algorithm");
        assertThatThrownBy(() -> at(SENT).verify(c.request(), publicKey())).hasMessageContaining("no Signature header");
        String withoutDate = c.signatureHeader("rsa-sha256").replace(" date", "");
        assertThatThrownBy(() -> at(SENT).verify(c.request().with("Signature", withoutDate), publicKey()))
                .hasMessageContaining("Date header is not signed");
        var headers = new LinkedHashMap<>(c.signed().headers());
        headers.remove("host");
        Request noHost = new Request(
                c.request().method(), c.request().target(), headers, c.request().body());
        assertThatThrownBy(() -> at(SENT).verify(noHost, publicKey())).hasMessageContaining("host is missing");
        assertThatThrownBy(() -> HttpSignatures.parse("keyId=\"Test\",signature=Zm9v"))
                .hasMessageContaining("not quoted");
        assertThatThrownBy(() -> HttpSignatures.parse("algorithm=\"rsa-sha256\",signature=\"Zm9v\""))
                .hasMessageContaining("no keyId");
    }

    @Test
    void keysAreReadInPkcs1AndPkcs8AndSpkiForms() throws Exception {
        PrivateKey pkcs1 = privateKey();
        String pkcs8Pem = pem("PRIVATE KEY", pkcs1.getEncoded());
        PrivateKey pkcs8 = HttpSignatures.privateKey(pkcs8Pem);
        assertThat(pkcs8.getEncoded()).isEqualTo(pkcs1.getEncoded());

        RSAPublicKey spki = (RSAPublicKey) publicKey();
        String pkcs1PublicPem =
                pem("RSA PUBLIC KEY", sequence(integer(spki.getModulus()), integer(spki.getPublicExponent())));
        assertThat(HttpSignatures.publicKey(pkcs1PublicPem).getEncoded()).isEqualTo(spki.getEncoded());

        Case c = cases().get(2);
        String header = HttpSignatures.sign(c.request(), "Test", pkcs8, c.coveredHeaders());
        assertThat(header).contains(c.signature());
        assertThatThrownBy(
                        () -> HttpSignatures.publicKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOutgoingDeliveryIsSignedTheWayMastodonChecksIt() throws Exception {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");
        byte[] body = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);
        Request request = new Request(
                "POST",
                "/users/ana/inbox",
                Map.of(
                        "Host", List.of("social.example"),
                        "Date", List.of(HttpSignatures.httpDate(now)),
                        "Digest", List.of(HttpSignatures.digest(body)),
                        "Content-Type", List.of("application/activity+json")),
                body);
        List<String> covered = List.of("(request-target)", "host", "date", "digest", "content-type");
        String signature =
                HttpSignatures.sign(request, "https://city.example/actors/roads#main-key", privateKey(), covered);
        var parsed = at(now.plusSeconds(5)).verify(request.with("Signature", signature), publicKey());
        assertThat(parsed.keyId()).isEqualTo("https://city.example/actors/roads#main-key");
        assertThat(parsed.headers()).isEqualTo(covered);
        assertThat(HttpSignatures.httpDate(now)).isEqualTo("Thu, 26 Nov 2026 02:00:00 GMT");
    }

    @Test
    void datesAreWrittenWithTwoDigitDaysAsMastodonParsesThem() {
        // Ruby's Time.httpdate (what Mastodon checks Date with) wants IMF-fixdate: "05", not "5"
        assertThat(HttpSignatures.httpDate(Instant.parse("2026-12-05T03:04:05Z")))
                .isEqualTo("Sat, 05 Dec 2026 03:04:05 GMT");
        assertThat(HttpSignatures.httpDate(Instant.parse("2027-01-01T00:00:00Z")))
                .isEqualTo("Fri, 01 Jan 2027 00:00:00 GMT");
    }

    @Test
    void mastodonsHeaderFormsParse() throws Exception {
        var header = HttpSignatures.parse("""
                keyId="https://my.example.com/actor#main-key",
                  headers="(request-target) host date",
                  signature="Y2FiYW5hbmE="
                """);
        assertThat(header.keyId()).isEqualTo("https://my.example.com/actor#main-key");
        assertThat(header.algorithm()).isEqualTo("hs2019");
        assertThat(header.headers()).containsExactly("(request-target)", "host", "date");
        assertThat(HttpSignatures.digestMatches(
                        "sha-256="
                                + HttpSignatures.digest("x".getBytes(StandardCharsets.UTF_8))
                                        .substring(8),
                        "x".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) out.write(n);
        else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
