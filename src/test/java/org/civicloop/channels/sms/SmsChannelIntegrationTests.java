package org.civicloop.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.replies.ReplySender;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMS channel end to end: webhooks signed as the provider signs them (over the public URL, as
 * behind a proxy), STOP / START / HELP, and texts sent to a fake provider on loopback that counts
 * what reaches it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "civicloop.channels.sms.enabled=true",
            "civicloop.channels.sms.account-sid=ACtest0000000000000000000000000000",
            "civicloop.channels.sms.auth-token=" + SmsChannelIntegrationTests.TOKEN,
            "civicloop.channels.sms.from=+15550009999",
            "civicloop.channels.sms.public-url=https://report.city.example/",
            "civicloop.channels.sms.help-text=Riverton 311 by text. Reply STOP to stop.",
            "civicloop.channels.sms.request-timeout=3s"
        })
class SmsChannelIntegrationTests {

    static final String TOKEN = "test-auth-token-3f9a";
    static final String SIGNED_URL = "https://report.city.example/channels/sms/twilio";
    static final String ACCOUNT = "ACtest0000000000000000000000000000";

    /** What the fake provider received: path, Authorization header, form fields. */
    record Received(String path, String authorization, Map<String, String> form) {}

    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final HttpServer provider = startProvider();

    static HttpServer startProvider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                received.add(new Received(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        form));
                String to = form.getOrDefault("To", "");
                int status;
                String answer;
                if (to.equals("+15559990000")) {
                    status = 400;
                    answer =
                            "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}";
                } else if (to.equals("+15559991610")) {
                    status = 400;
                    answer =
                            "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}";
                } else {
                    status = 201;
                    answer = "{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "")
                            + "\",\"status\":\"queued\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void providerAddress(DynamicPropertyRegistry registry) {
        registry.add(
                "civicloop.channels.sms.api-base-url",
                () -> "http://127.0.0.1:" + provider.getAddress().getPort());
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    TwilioSmsSender sender;

    @Autowired
    List<ReplySender> senders;

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void forgetRequests() {
        received.clear();
    }

    static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    static Map<String, List<String>> webhook(String sid, String from, String body) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("MessageSid", List.of(sid));
        p.put("SmsSid", List.of(sid));
        p.put("AccountSid", List.of(ACCOUNT));
        p.put("From", List.of(from));
        p.put("To", List.of("+15550009999"));
        p.put("Body", List.of(body));
        p.put("NumMedia", List.of("0"));
        p.put("FromCity", List.of("RIVERTON"));
        return p;
    }

    HttpResponse<String> post(Map<String, List<String>> params, String signature) throws Exception {
        String form = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/channels/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) request.header("X-Twilio-Signature", signature);
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postSigned(Map<String, List<String>> params) throws Exception {
        return post(params, new TwilioSignature(TOKEN).sign(SIGNED_URL, params));
    }

    long stored(String sid) {
        return jdbc.sql("SELECT count(*) FROM message WHERE channel = 'sms' AND external_id = :sid")
                .param("sid", sid)
                .query(Long.class)
                .single();
    }

    static OutboundMessage text(String to, String body) {
        return new OutboundMessage("test:" + UUID.randomUUID(), ChannelKind.SMS, to, "ignored subject", body);
    }

    @Autowired
    org.civicloop.channels.ChannelAdministration channels;

    @Test
    void aSignedTextIsStoredOnceEvenWhenTheProviderRetries() throws Exception {
        long countedBefore = channels.connector("sms").health().messages();
        String sid = sid();
        var params = webhook(sid, "+15550001234", "Farola apagada en Elm y 5ª — desde el lunes 🙁");
        params.put("NumMedia", List.of("1"));
        params.put("MediaUrl0", List.of("https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1"));
        params.put("MediaContentType0", List.of("image/jpeg"));

        var first = postSigned(params);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(first.body()).contains("<Response/>");
        var again = postSigned(params);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(stored(sid)).isEqualTo(1);
        // the administration page counts the text once, and the webhook as working
        var health = channels.connector("sms").health();
        assertThat(health.messages()).isEqualTo(countedBefore + 1);
        assertThat(health.lastSuccess()).isNotNull();

        String id = jdbc.sql("SELECT id::text FROM message WHERE channel = 'sms' AND external_id = :sid")
                .param("sid", sid)
                .query(String.class)
                .single();
        var message = messages.find(new org.civicloop.shared.MessageId(UUID.fromString(id)))
                .orElseThrow();
        assertThat(message.text()).isEqualTo("Farola apagada en Elm y 5ª — desde el lunes 🙁");
        assertThat(message.authorHandle()).isEqualTo("+15550001234");
        assertThat(messages.contact(message.id()).orElseThrow().phone()).isEqualTo("+15550001234");
        assertThat(message.mediaCount())
                .as("media are links in the payload, not downloaded")
                .isZero();
        String raw = jdbc.sql("SELECT raw::text FROM message WHERE id = CAST(:id AS uuid)")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(raw).contains("MediaUrl0").contains("image/jpeg").contains("\"media\"");
        assertThat(received).as("receiving never texts anyone").isEmpty();
    }

    @Test
    void aTamperedOrUnsignedWebhookIsRefusedAndNothingStored() throws Exception {
        String sid = sid();
        var params = webhook(sid, "+15550001235", "Pothole on Main St");
        String signature = new TwilioSignature(TOKEN).sign(SIGNED_URL, params);
        var tampered = new LinkedHashMap<>(params);
        tampered.put("Body", List.of("Pothole on Main St -- and call me at 555"));

        long errorsBefore = channels.connector("sms").health().errors();
        assertThat(post(tampered, signature).statusCode()).isEqualTo(403);
        assertThat(channels.connector("sms").health().errors()).isEqualTo(errorsBefore + 1);
        assertThat(channels.connector("sms").health().lastErrorMessage()).contains("X-Twilio-Signature");
        assertThat(post(params, null).statusCode()).isEqualTo(403);
        assertThat(post(params, new TwilioSignature("another-token").sign(SIGNED_URL, params))
                        .statusCode())
                .isEqualTo(403);
        // signed over the URL the server sees instead of the public one: not what the provider signs
        assertThat(post(
                                params,
                                new TwilioSignature(TOKEN)
                                        .sign("http://localhost:" + port + "/channels/sms/twilio", params))
                        .statusCode())
                .isEqualTo(403);
        assertThat(stored(sid)).isZero();

        assertThat(postSigned(params).statusCode()).isEqualTo(200);
        assertThat(stored(sid)).isEqualTo(1);
    }

    @Test
    void aSignedWebhookWithoutRequiredFieldsIsABadRequest() throws Exception {
        String sid = sid();
        var params = webhook(sid, "+15550001236", "x");
        params.remove("Body");
        assertThat(postSigned(params).statusCode()).isEqualTo(400);
        var noFrom = webhook(sid, "+15550001236", "Graffiti on the library");
        noFrom.remove("From");
        assertThat(postSigned(noFrom).statusCode()).isEqualTo(400);
        var noSid = webhook(sid, "+15550001236", "Graffiti on the library");
        noSid.remove("MessageSid");
        assertThat(postSigned(noSid).statusCode()).isEqualTo(400);
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aNumberThatSentStopIsNeverTextedUntilItSendsStart() throws Exception {
        String resident = "+15550001111";
        String stopSid = sid();
        assertThat(postSigned(webhook(stopSid, resident, "  Stop ")).body()).contains("<Response/>");
        assertThat(stored(stopSid)).as("a keyword is not an inbox message").isZero();

        // written as a resident would on the web form: still the same number
        var toStopped = text("(555) 000-1111", "Your report CL-26-00001 is now in progress.");
        assertThatThrownBy(() -> sender.send(toStopped))
                .isInstanceOfSatisfying(
                        SmsNotSentException.class,
                        e -> assertThat(e.permanent()).isTrue());
        // retried by the outbox: still refused, still without calling the provider
        assertThatThrownBy(() -> sender.send(toStopped)).isInstanceOf(SmsNotSentException.class);

        // another number is texted, with the provider's form fields and Basic authentication
        var toOther = text("+15550002222", "Your report CL-26-00002 was received.");
        senders.stream()
                .filter(s -> s.supports(ChannelKind.SMS))
                .findFirst()
                .orElseThrow()
                .send(toOther);
        assertThat(received).hasSize(1);
        var request = received.get(0);
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
        assertThat(request.authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form())
                .containsEntry("To", "+15550002222")
                .containsEntry("From", "+15550009999")
                .containsEntry("Body", "Your report CL-26-00002 was received.")
                .doesNotContainKey("MessagingServiceSid");

        // the outbox redelivers the same message: not texted twice
        sender.send(toOther);
        assertThat(received).hasSize(1);

        // a message after STOP is heard, but still not answered by text
        String laterSid = sid();
        postSigned(webhook(laterSid, resident, "The light is still out"));
        assertThat(stored(laterSid)).isEqualTo(1);
        assertThatThrownBy(() -> sender.send(text(resident, "Thanks"))).isInstanceOf(SmsNotSentException.class);
        // not even the help text
        assertThat(postSigned(webhook(sid(), resident, "HELP")).body()).doesNotContain("<Message>");
        assertThat(received)
                .as("nothing reached the provider for the number that sent STOP")
                .hasSize(1);

        // START re-enables
        postSigned(webhook(sid(), resident, "start"));
        sender.send(text(resident, "Your report CL-26-00001 was resolved."));
        assertThat(received).hasSize(2);
        assertThat(received.get(1).form()).containsEntry("To", resident);

        // a late retry of the old STOP webhook does not undo the START
        postSigned(webhook(stopSid, resident, "  Stop "));
        sender.send(text(resident, "One more update."));
        assertThat(received).hasSize(3);
    }

    @Test
    void helpIsAnsweredWithTheConfiguredText() throws Exception {
        var answer = postSigned(webhook(sid(), "+15550003333", "info"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Riverton 311 by text. Reply STOP to stop.</Message>");
        assertThat(received).isEmpty();
    }

    @Test
    void whatTheProviderRefusesIsNotRetried() throws Exception {
        var invalid = text("+15559990000", "Update");
        assertThatThrownBy(() -> sender.send(invalid))
                .isInstanceOfSatisfying(
                        SmsNotSentException.class,
                        e -> assertThat(e.permanent()).isTrue());
        assertThatThrownBy(() -> sender.send(invalid)).isInstanceOf(SmsNotSentException.class);
        assertThat(received).as("a refused message is asked once").hasSize(1);

        // the provider knows of an opt-out we had not seen: remembered, never asked again
        assertThatThrownBy(() -> sender.send(text("+15559991610", "Update"))).isInstanceOf(SmsNotSentException.class);
        assertThatThrownBy(() -> sender.send(text("+15559991610", "Another update")))
                .isInstanceOf(SmsNotSentException.class);
        assertThat(received).hasSize(2);
    }

    @Test
    void theOutboxTextsThroughTheProviderButNeverANumberThatSentStop() throws Exception {
        String stopped = "+15550004444", other = "+15550005555";
        postSigned(webhook(sid(), stopped, "UNSUBSCRIBE"));
        String stoppedKey = "outbox-test:" + UUID.randomUUID(), otherKey = "outbox-test:" + UUID.randomUUID();
        try {
            // the resident who may be texted is due first: today a failed delivery cannot be recorded
            // (Outbox.markFailed fails in PostgreSQL and rolls the dispatcher's batch back), so
            // whatever is due after the refused one would never be reached. This way the outbox
            // redelivers both every round, which is what the SMS sender must withstand anyway.
            for (var row : List.of(List.of(otherKey, other, "2"), List.of(stoppedKey, stopped, "1"))) {
                jdbc.sql("""
                        INSERT INTO outbox_message (id, idempotency_key, channel, recipient, subject, body, created_at, next_attempt_at)
                        VALUES (:id, :key, 'sms', :to, 'Update', 'Your report was received.', now(),
                            now() - make_interval(mins => CAST(:early AS int)))
                        """)
                        .param("id", UUID.randomUUID())
                        .param("key", row.get(0))
                        .param("to", row.get(1))
                        .param("early", row.get(2))
                        .update();
            }
            // other application contexts of the test run share this database and have no SMS
            // sender: one of them may take a row first and put it back, hence the generous wait
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .until(() ->
                            "sent".equals(deliveryStatus(otherKey)) && "refused".equals(deliveryStatus(stoppedKey)));
            // the outbox keeps redelivering the refused one (every failure is retried): a few more
            // rounds of the dispatcher change nothing at the provider
            Awaitility.await()
                    .during(Duration.ofSeconds(6))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> toThisTest(stopped, other).size() == 1);
            // (other tests' texts in the shared database may go out through this sender too)
            assertThat(toThisTest(stopped, other))
                    .extracting(r -> r.form().get("To"))
                    .containsExactly(other);
            assertThat(toThisTest(stopped, other).get(0).form()).containsEntry("Body", "Your report was received.");
        } finally {
            jdbc.sql("DELETE FROM outbox_message WHERE idempotency_key IN (:a, :b)")
                    .param("a", stoppedKey)
                    .param("b", otherKey)
                    .update();
        }
    }

    String deliveryStatus(String key) {
        return jdbc.sql("SELECT status FROM sms_delivery WHERE idempotency_key = :k")
                .param("k", key)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** What the provider received for the given numbers only. */
    List<Received> toThisTest(String... numbers) {
        var wanted = java.util.Set.of(numbers);
        return received.stream()
                .filter(r -> wanted.contains(r.form().get("To")))
                .toList();
    }
}
