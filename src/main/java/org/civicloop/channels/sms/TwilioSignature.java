package org.civicloop.channels.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full URL the provider called followed by every POST parameter,
 * sorted by name, each as name then value. A request is genuine if the signature matches the URL
 * with or without its port (the provider signs what it was configured with, and proxies add or drop
 * default ports). A JSON body is covered instead by its SHA-256 in the {@code bodySHA256} query
 * parameter. Comparisons take constant time. Plain Java: no Spring, no provider SDK.
 */
public final class TwilioSignature {

    private final byte[] key;

    public TwilioSignature(String authToken) {
        if (authToken == null || authToken.isEmpty()) throw new IllegalArgumentException("auth token is required");
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature of a form-encoded request (parameters with several values: values sorted). */
    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            for (var entry : new TreeMap<>(params).entrySet()) {
                List<String> values = new ArrayList<>(entry.getValue() == null ? List.of() : entry.getValue());
                values.replaceAll(v -> v == null ? "" : v);
                values.sort(null);
                for (String value : values) data.append(entry.getKey()).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** Whether a form-encoded request (URL as the provider saw it, its POST parameters) is genuine. */
    public boolean isValid(String url, Map<String, List<String>> params, String signature) {
        if (url == null || signature == null || signature.isEmpty()) return false;
        Optional<String> withPort = withDefaultPort(url), withoutPort = withoutPort(url);
        if (withPort.isEmpty() || withoutPort.isEmpty()) return false;
        // both are computed every time, so the time taken does not tell which form matched
        boolean a = constantTimeEquals(sign(withPort.get(), params), signature);
        boolean b = constantTimeEquals(sign(withoutPort.get(), params), signature);
        return a | b;
    }

    /**
     * Whether a request with a JSON (or other non-form) body is genuine: the URL carries the
     * body's SHA-256 (hex) as {@code bodySHA256}, the signature covers the URL alone, and the hash
     * must match the body received.
     */
    public boolean isValidWithBody(String url, String body, String signature) {
        if (url == null || body == null) return false;
        Optional<String> declared = queryParameter(url, "bodySHA256");
        if (declared.isEmpty()) return false;
        boolean signed = isValid(url, Map.of(), signature);
        String actual = HexFormat.of().formatHex(sha256(body.getBytes(StandardCharsets.UTF_8)));
        boolean hashMatches = constantTimeEquals(actual, declared.get().toLowerCase(java.util.Locale.ROOT));
        return signed & hashMatches;
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The URL with its scheme's default port written out, unless it names a port already. */
    static Optional<String> withDefaultPort(String url) {
        return rebuild(url, true);
    }

    /** The URL without any port. */
    static Optional<String> withoutPort(String url) {
        return rebuild(url, false);
    }

    private static Optional<String> rebuild(String url, boolean addPort) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) return Optional.empty();
        String scheme = uri.getScheme();
        int port = uri.getPort();
        if (addPort && port == -1) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
        } else if (!addPort) {
            port = -1;
        }
        StringBuilder b = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) b.append(uri.getRawUserInfo()).append('@');
        b.append(uri.getHost());
        if (port != -1) b.append(':').append(port);
        if (uri.getRawPath() != null) b.append(uri.getRawPath());
        if (uri.getRawQuery() != null) b.append('?').append(uri.getRawQuery());
        if (uri.getRawFragment() != null) b.append('#').append(uri.getRawFragment());
        return Optional.of(b.toString());
    }

    static Optional<String> queryParameter(String url, String name) {
        Objects.requireNonNull(name);
        try {
            String query = new URI(url).getRawQuery();
            if (query == null) return Optional.empty();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String n = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (n.equals(name)) {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
