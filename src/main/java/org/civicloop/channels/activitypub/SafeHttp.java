package org.civicloop.channels.activitypub;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP to servers named by strangers (a {@code keyId}, an actor's inbox) without letting them point
 * CivicLoop at the city's own network: only {@code http}/{@code https}; the host is resolved and
 * refused when any of its addresses is loopback, private, link-local, unique-local, carrier-grade
 * NAT, multicast or otherwise not public (unless private addresses are allowed, for tests and closed
 * networks); redirects are followed by hand (GET only, at most three), each target checked the same
 * way; connect and read timeouts; a response larger than the limit is refused, not read to the end.
 *
 * <p>The address is checked before the connection, which resolves the name again: a name whose
 * answers change between the two (DNS rebinding) is not caught. Pinning the checked address would
 * break TLS host name checks with the JDK client.
 */
final class SafeHttp {

    /** What a server answered. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Adds headers (e.g. a signature) to a request about to go to {@code uri}. */
    interface Signer {
        Map<String, String> headers(String method, URI uri, byte[] body) throws IOException;
    }

    /** The target is not allowed (scheme, address) or the answer was too large. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private static final int MAX_REDIRECTS = 3;

    private final boolean allowPrivateAddresses;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final HttpClient client;

    SafeHttp(boolean allowPrivateAddresses, Duration connectTimeout, Duration requestTimeout, long maxResponseBytes) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Refuses a URI that is not http(s) or whose host resolves to an address that is not public. */
    void check(URI uri) throws RefusedException {
        if (uri == null || uri.getScheme() == null) throw new RefusedException("not an absolute URL: " + uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http"))
            throw new RefusedException("only http and https are fetched, not " + scheme);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw new RefusedException("no host in " + uri);
        if (uri.getUserInfo() != null) throw new RefusedException("user info in URL refused: " + uri.getHost());
        if (allowPrivateAddresses) return;
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedException("unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address))
                throw new RefusedException(
                        host + " resolves to " + address.getHostAddress() + ", not a public address");
        }
    }

    /** Whether an address is on the public internet (not loopback, private, link-local, multicast…). */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) return false;
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff, a1 = b[1] & 0xff;
            if (a0 == 0) return false; // "this network"
            if (a0 == 100 && (a1 & 0xc0) == 64) return false; // 100.64.0.0/10 carrier-grade NAT
            if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) return false; // 192.0.0.0/24 protocol assignments
            if (a0 == 198 && (a1 == 18 || a1 == 19)) return false; // 198.18.0.0/15 benchmarking
            if (a0 >= 240) return false; // reserved and broadcast
            return true;
        }
        if (address instanceof Inet6Address) {
            int a0 = b[0] & 0xff;
            if ((a0 & 0xfe) == 0xfc) return false; // fc00::/7 unique local
            if (a0 == 0xfe && (b[1] & 0xc0) == 0xc0) return false; // fec0::/10 old site-local
            boolean mapped = true; // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) if (b[i] != 0) mapped = false;
            if (mapped && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if (a0 == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8)
                return false; // 2001:db8::/32 documentation
            return true;
        }
        return false;
    }

    /** GET, following up to three redirects (each checked, each signed again). */
    Response get(URI uri, String accept, Signer signer) throws IOException, InterruptedException {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            check(target);
            var request = HttpRequest.newBuilder(target)
                    .timeout(requestTimeout)
                    .header("Accept", accept)
                    .header("User-Agent", "CivicLoop")
                    .GET();
            if (signer != null) signer.headers("GET", target, new byte[0]).forEach(request::header);
            Response response = send(request.build(), target);
            if (response.status() >= 300
                    && response.status() < 400
                    && response.headers().containsKey("location")) {
                if (hop >= MAX_REDIRECTS) throw new RefusedException("too many redirects from " + uri);
                target = target.resolve(response.headers().get("location").get(0));
                continue;
            }
            return response;
        }
    }

    /** POST (no redirects followed: a delivery goes where it was addressed). */
    Response post(URI uri, String contentType, byte[] body, Signer signer) throws IOException, InterruptedException {
        check(uri);
        var request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "CivicLoop")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) signer.headers("POST", uri, body).forEach(request::header);
        return send(request.build(), uri);
    }

    private Response send(HttpRequest request, URI uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            long declared =
                    response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxResponseBytes)
                throw new RefusedException(
                        uri.getHost() + " answered " + declared + " bytes, more than " + maxResponseBytes);
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
            if (body.length > maxResponseBytes)
                throw new RefusedException(uri.getHost() + " answered more than " + maxResponseBytes + " bytes");
            var headers = new java.util.LinkedHashMap<String, List<String>>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Response(response.statusCode(), headers, body, uri);
        }
    }
}
