package org.civicloop.portal;

import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises a photo by its first bytes, never by the name or type the browser claims: JPEG,
 * PNG, GIF, WebP and the HEIC/HEIF pictures phones take.
 */
final class Photos {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    private Photos() {}

    static Optional<String> contentType(byte[] b) {
        if (b == null || b.length < 12) return Optional.empty();
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) return Optional.of("image/jpeg");
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}))
            return Optional.of("image/png");
        if (startsWith(b, 0, "GIF87a".getBytes()) || startsWith(b, 0, "GIF89a".getBytes()))
            return Optional.of("image/gif");
        if (startsWith(b, 0, "RIFF".getBytes()) && startsWith(b, 8, "WEBP".getBytes()))
            return Optional.of("image/webp");
        if (startsWith(b, 4, "ftyp".getBytes())) {
            String brand = new String(Arrays.copyOfRange(b, 8, 12), java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return Optional.of("image/heic");
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[offset + i] != prefix[i]) return false;
        return true;
    }
}
