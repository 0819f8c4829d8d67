package org.civicloop.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (tokens, passwords, private keys) with AES-256-GCM under the
 * installation's key, {@code CIVICLOOP_SECRET_KEY} (32 random bytes, base64).
 *
 * <p>Sealed format, version 1: {@code 0x01 ‖ 12-byte random nonce ‖ ciphertext ‖ 16-byte tag};
 * the version byte is authenticated too (additional data), so it cannot be swapped. In
 * configuration a sealed value is written {@code {cipher}} followed by the base64 of those bytes.
 * A wrong key, a truncated value or a changed byte all fail the tag check: {@link #decrypt} never
 * answers garbage.
 */
public final class SecretBox {

    /** The environment variable holding the key. */
    public static final String KEY_VARIABLE = "CIVICLOOP_SECRET_KEY";

    /** How an encrypted configuration value starts. */
    public static final String PREFIX = "{cipher}";

    static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box for a base64 key of 32 bytes; {@link InvalidKey} names what is wrong (never the key). */
    public static SecretBox of(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) throw new InvalidKey(KEY_VARIABLE + " is empty");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidKey(KEY_VARIABLE + " is not base64");
        }
        if (bytes.length != 32) {
            throw new InvalidKey(KEY_VARIABLE + " must be 32 bytes (base64 of 32 random bytes), not " + bytes.length
                    + "; make one with: civicloop secrets generate-key");
        }
        return new SecretBox(bytes);
    }

    /** The box for the key in these environment variables, if it is set. */
    public static Optional<SecretBox> fromEnvironment(Map<String, String> environment) {
        String key = environment.get(KEY_VARIABLE);
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(of(key));
    }

    /** A fresh random key, base64. */
    public static String generateKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static boolean isSealed(String value) {
        return value != null && value.strip().startsWith(PREFIX);
    }

    public byte[] encrypt(byte[] plain) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {VERSION});
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public byte[] decrypt(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8) {
            throw new UndecryptableSecret("too short to be a sealed secret");
        }
        if (sealed[0] != VERSION) {
            throw new UndecryptableSecret("unknown sealed-secret version " + (sealed[0] & 0xff));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(new byte[] {VERSION});
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new UndecryptableSecret("wrong " + KEY_VARIABLE + ", or the value was altered");
        } catch (GeneralSecurityException e) {
            throw new UndecryptableSecret(
                    "not a valid sealed secret (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code {cipher}BASE64} for a text. */
    public String encrypt(String plain) {
        return PREFIX + Base64.getEncoder().encodeToString(encrypt(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of a {@code {cipher}BASE64} value. */
    public String decrypt(String value) {
        if (!isSealed(value)) throw new UndecryptableSecret("does not start with " + PREFIX);
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(value.strip().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecret("not base64 after " + PREFIX);
        }
        return new String(decrypt(sealed), StandardCharsets.UTF_8);
    }

    /** The key is missing its 32 bytes or is not base64. */
    public static final class InvalidKey extends IllegalArgumentException {
        InvalidKey(String message) {
            super(message);
        }
    }

    /** A sealed value that this key cannot open: another key, altered, truncated or not sealed at all. */
    public static final class UndecryptableSecret extends IllegalArgumentException {
        UndecryptableSecret(String message) {
            super("Cannot decrypt: " + message);
        }
    }
}
