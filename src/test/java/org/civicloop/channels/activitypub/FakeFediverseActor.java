package org.civicloop.channels.activitypub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second ActivityPub actor for tests, on loopback: its own RSA key pair, its actor document at
 * {@code /users/NAME}, an inbox that records every POST, and a client that signs what it sends the
 * way Mastodon does ({@code (request-target) host date digest}, RSA-SHA256).
 */
final class FakeFediverseActor implements AutoCloseable {

    /** A request the actor's inbox received. */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        HttpSignatures.Request asSigned() {
            return new HttpSignatures.Request(method, target, headers, body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final String name;
    volatile KeyPair keys = ActorKeys.generate();
    final HttpServer server;
    final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    final HttpClient client = HttpClient.newHttpClient();
    volatile int inboxStatus = 202;

    FakeFediverseActor(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/users/" + name, this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String id() {
        return base() + "/users/" + name;
    }

    String keyId() {
        return id() + "#main-key";
    }

    String handle() {
        return "@" + name + "@127.0.0.1:" + server.getAddress().getPort();
    }

    String actorDocument() {
        return """
                {"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1"],
                 "id":"%1$s","type":"Person","preferredUsername":"%2$s","name":"%3$s",
                 "inbox":"%1$s/inbox","outbox":"%1$s/outbox","followers":"%1$s/followers","url":"%4$s/@%2$s",
                 "publicKey":{"id":"%1$s#main-key","owner":"%1$s","publicKeyPem":"%5$s"}}
                """.formatted(
                id(),
                name,
                "Ana Resident",
                base(),
                ActorKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded()).replace("\n", "\\n"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("GET") && path.equals("/users/" + name)) {
            byte[] doc = actorDocument().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json");
            exchange.sendResponseHeaders(200, doc.length);
            exchange.getResponseBody().write(doc);
        } else if (exchange.getRequestMethod().equals("POST") && path.equals("/users/" + name + "/inbox")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach(headers::put);
            inbox.add(new Received("POST", exchange.getRequestURI().getRawPath(), headers, body));
            exchange.sendResponseHeaders(inboxStatus, -1);
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
        exchange.close();
    }

    /** The next request the inbox receives (fails after the timeout). */
    Received nextDelivery(long seconds) throws InterruptedException {
        Received r = inbox.poll(seconds, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("nothing arrived in " + name + "'s inbox within " + seconds + " s");
        return r;
    }

    /** The headers of a signed POST of {@code body} to {@code url}, as Mastodon sends them. */
    Map<String, String> signedHeaders(URI url, byte[] body, Instant date) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of(url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())));
        headers.put("date", List.of(HttpSignatures.httpDate(date)));
        headers.put("digest", List.of(HttpSignatures.digest(body)));
        var request = new HttpSignatures.Request("POST", url.getRawPath(), headers, body);
        String signature = HttpSignatures.sign(
                request, keyId(), keys.getPrivate(), List.of("(request-target)", "host", "date", "digest"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Date", request.header("date"));
        out.put("Digest", request.header("digest"));
        out.put("Signature", signature);
        return out;
    }

    /** POSTs with the given headers (none: unsigned) and answers the status. */
    HttpResponse<String> post(URI url, byte[] body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/activity+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs and POSTs an activity. */
    HttpResponse<String> send(URI url, String activity) throws Exception {
        byte[] body = activity.getBytes(StandardCharsets.UTF_8);
        return post(url, body, signedHeaders(url, body, Instant.now()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
