package org.civicloop.channels.activitypub;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP Signatures as Mastodon and the rest of the fediverse use them (draft-cavage-http-signatures,
 * RSA-SHA256): parses the {@code Signature} header, builds the signing string, verifies and produces
 * signatures, and computes and checks the {@code Digest: SHA-256=…} header of a body. JDK crypto only.
 *
 * <p>Verification refuses: an unknown algorithm, a {@code Date} that is not signed or is further than
 * the allowed skew from now (12 hours by default, as Mastodon does), a {@code Digest} header that does
 * not match the body, a signed header missing from the request, and of course a wrong signature.
 */
final class HttpSignatures {

    static final Duration DEFAULT_SKEW = Duration.ofHours(12);

    private final Clock clock;
    private final Duration allowedSkew;

    HttpSignatures(Clock clock, Duration allowedSkew) {
        this.clock = clock;
        this.allowedSkew = allowedSkew;
    }

    HttpSignatures(Clock clock) {
        this(clock, DEFAULT_SKEW);
    }

    /** Why a signed request was refused. */
    static final class HttpSignatureException extends Exception {
        HttpSignatureException(String message) {
            super(message);
        }
    }

    /**
     * A request as received or about to be sent. {@code target} is the path with its query string;
     * header names are matched case-insensitively; a repeated header's values are joined with a comma and a space.
     */
    record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
        Request {
            var lower = new LinkedHashMap<String, List<String>>();
            headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
                var all = new ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            }));
            headers = java.util.Collections.unmodifiableMap(lower);
            body = body == null ? new byte[0] : body.clone();
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        /** A copy with one header set (replacing any earlier value). */
        Request with(String name, String value) {
            var copy = new LinkedHashMap<>(headers);
            copy.put(name.toLowerCase(Locale.ROOT), List.of(value));
            return new Request(method, target, copy, body);
        }
    }

    /** The parsed {@code Signature} header. {@code headers} defaults to {@code date} when absent. */
    record SignatureHeader(String keyId, String algorithm, List<String> headers, byte[] signature) {}

    /** Parses a {@code Signature} header value (or an {@code Authorization: Signature …} value). */
    static SignatureHeader parse(String value) throws HttpSignatureException {
        if (value == null || value.isBlank()) throw new HttpSignatureException("no Signature header");
        String s = value.strip();
        if (s.regionMatches(true, 0, "Signature ", 0, 10)) s = s.substring(10).strip();
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0) throw new HttpSignatureException("malformed Signature header near: " + s.substring(i));
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            if (eq + 1 >= s.length() || s.charAt(eq + 1) != '"')
                throw new HttpSignatureException("Signature parameter " + name + " is not quoted");
            int end = s.indexOf('"', eq + 2);
            if (end < 0) throw new HttpSignatureException("Signature parameter " + name + " is not terminated");
            if (params.put(name, s.substring(eq + 2, end)) != null)
                throw new HttpSignatureException("Signature parameter " + name + " repeated");
            i = end + 1;
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) i++;
        }
        String keyId = params.get("keyid");
        String signature = params.get("signature");
        if (keyId == null || keyId.isEmpty()) throw new HttpSignatureException("Signature header has no keyId");
        if (signature == null || signature.isEmpty())
            throw new HttpSignatureException("Signature header has no signature");
        String headers = params.getOrDefault("headers", "date");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new HttpSignatureException("signature is not base64");
        }
        List<String> names = List.of(headers.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return new SignatureHeader(keyId, params.getOrDefault("algorithm", "hs2019"), names, bytes);
    }

    /** The string that is signed: one {@code name: value} line per listed header, in order. */
    static String signingString(Request request, List<String> headers) throws HttpSignatureException {
        var lines = new ArrayList<String>();
        for (String name : headers) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("(request-target)")) {
                lines.add(n + ": " + request.method().toLowerCase(Locale.ROOT) + " " + request.target());
            } else {
                String value = request.header(n);
                if (value == null) throw new HttpSignatureException("signed header " + n + " is missing");
                lines.add(n + ": " + value.strip());
            }
        }
        return String.join("\n", lines);
    }

    /** The {@code Digest} header value for a body: {@code SHA-256=} and the base64 of its SHA-256. */
    static String digest(byte[] body) {
        try {
            return "SHA-256="
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a {@code Digest} header (possibly listing several algorithms) holds the body's SHA-256. */
    static boolean digestMatches(String header, byte[] body) {
        if (header == null) return false;
        String expected = digest(body).substring("SHA-256=".length());
        for (String part : header.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equalsIgnoreCase("SHA-256")) {
                return MessageDigest.isEqual(
                        p.substring(eq + 1).getBytes(StandardCharsets.US_ASCII),
                        expected.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return false;
    }

    /**
     * Signs a request with RSA-SHA256 over the given headers and returns the {@code Signature} header
     * value. The caller sets {@code Date}, {@code Host} and {@code Digest} first (see {@link #digest}).
     */
    static String sign(Request request, String keyId, PrivateKey key, List<String> headers)
            throws HttpSignatureException {
        String signed = signingString(request, headers);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(rsa.sign());
            return "keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\"" + String.join(" ", headers)
                    + "\",signature=\"" + signature + "\"";
        } catch (GeneralSecurityException e) {
            throw new HttpSignatureException("cannot sign: " + e.getMessage());
        }
    }

    /**
     * Verifies the request's {@code Signature} header against the sender's public key. Returns the parsed
     * header (its {@code keyId} names the actor key that was used) or throws with the reason.
     */
    SignatureHeader verify(Request request, PublicKey key) throws HttpSignatureException {
        SignatureHeader header = parse(
                request.header("signature") != null ? request.header("signature") : request.header("authorization"));
        String algorithm = header.algorithm().toLowerCase(Locale.ROOT);
        if (!algorithm.equals("rsa-sha256") && !algorithm.equals("hs2019"))
            throw new HttpSignatureException("unsupported algorithm " + header.algorithm());
        if (!(key instanceof RSAKey)) throw new HttpSignatureException("only RSA keys are supported");
        if (!header.headers().contains("date")) throw new HttpSignatureException("the Date header is not signed");
        checkDate(request.header("date"));
        String digest = request.header("digest");
        if (digest != null && !digestMatches(digest, request.body()))
            throw new HttpSignatureException("Digest does not match the body");
        if (digest == null && header.headers().contains("digest"))
            throw new HttpSignatureException("signed header digest is missing");
        String signed = signingString(request, header.headers());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(header.signature())) throw new HttpSignatureException("signature does not verify");
        } catch (InvalidKeyException | SignatureException e) {
            throw new HttpSignatureException("signature does not verify: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return header;
    }

    private void checkDate(String date) throws HttpSignatureException {
        if (date == null) throw new HttpSignatureException("no Date header");
        Instant sent;
        try {
            sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new HttpSignatureException("Date is not an HTTP date: " + date);
        }
        Duration off = Duration.between(sent, clock.instant()).abs();
        if (off.compareTo(allowedSkew) > 0)
            throw new HttpSignatureException("Date " + date + " is " + off + " from now (allowed " + allowedSkew + ")");
    }

    /**
     * RFC 9110's IMF-fixdate: always two digits for the day. (The JDK's RFC 1123 formatter writes
     * "5 Dec", which Mastodon's {@code Time.httpdate} refuses, failing every signature on the 1st to 9th.)
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /** An HTTP {@code Date} header value for an instant (IMF-fixdate). */
    static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    // --- PEM keys (JDK only) ---

    /** Reads a public key: {@code BEGIN PUBLIC KEY} (SubjectPublicKeyInfo) or {@code BEGIN RSA PUBLIC KEY} (PKCS#1). */
    static PublicKey publicKey(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (pem.contains("BEGIN RSA PUBLIC KEY")) {
                var seq = new Der(pemBody(pem, "RSA PUBLIC KEY")).sequence();
                return rsa.generatePublic(new RSAPublicKeySpec(seq.integer(), seq.integer()));
            }
            return rsa.generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
        }
    }

    /** Reads a private key: {@code BEGIN PRIVATE KEY} (PKCS#8) or {@code BEGIN RSA PRIVATE KEY} (PKCS#1). */
    static PrivateKey privateKey(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (pem.contains("BEGIN RSA PRIVATE KEY")) {
                var seq = new Der(pemBody(pem, "RSA PRIVATE KEY")).sequence();
                seq.integer(); // version
                return rsa.generatePrivate(new RSAPrivateCrtKeySpec(
                        seq.integer(),
                        seq.integer(),
                        seq.integer(),
                        seq.integer(),
                        seq.integer(),
                        seq.integer(),
                        seq.integer(),
                        seq.integer()));
            }
            return rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key: " + e.getMessage(), e);
        }
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) throw new IllegalArgumentException("no " + label + " PEM block");
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    /** Just enough DER to read a SEQUENCE of INTEGERs (PKCS#1 RSA keys). */
    private static final class Der {
        private final byte[] bytes;
        private int pos;

        Der(byte[] bytes) {
            this.bytes = bytes;
        }

        Der sequence() {
            expect(0x30);
            int length = length();
            return new Der(java.util.Arrays.copyOfRange(bytes, pos, pos + length));
        }

        BigInteger integer() {
            expect(0x02);
            int length = length();
            var value = new BigInteger(java.util.Arrays.copyOfRange(bytes, pos, pos + length));
            pos += length;
            return value;
        }

        private void expect(int tag) {
            if (pos >= bytes.length || (bytes[pos] & 0xff) != tag)
                throw new IllegalArgumentException("malformed DER: expected tag " + tag);
            pos++;
        }

        private int length() {
            int first = bytes[pos++] & 0xff;
            if (first < 0x80) return first;
            int n = first & 0x7f;
            if (n > 4) throw new IllegalArgumentException("malformed DER length");
            int length = 0;
            for (int k = 0; k < n; k++) length = (length << 8) | (bytes[pos++] & 0xff);
            if (length < 0 || pos + length > bytes.length) throw new IllegalArgumentException("malformed DER length");
            return length;
        }
    }
}
