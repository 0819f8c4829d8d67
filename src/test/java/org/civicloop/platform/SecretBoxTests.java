package org.civicloop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing of secrets: round trip, tampering, wrong keys, the format. */
class SecretBoxTests {

    final String key = SecretBox.generateKey();
    final SecretBox box = SecretBox.of(key);

    @Test
    void aSecretComesBackAsItWasAndIsNeverTheSameTwice() {
        String secret = "tok_é✓-" + "x".repeat(300);
        String sealed = box.encrypt(secret);
        assertThat(sealed).startsWith("{cipher}").doesNotContain(secret).doesNotContain("tok_");
        assertThat(box.decrypt(sealed)).isEqualTo(secret);
        assertThat(box.encrypt(secret)).isNotEqualTo(sealed);
        byte[] bytes = {0, 1, 2, (byte) 255};
        assertThat(box.decrypt(box.encrypt(bytes))).containsExactly(bytes);
    }

    @Test
    void theFormatIsVersionNonceCiphertextAndTagReadableWithPlainJce() throws Exception {
        String sealed = box.encrypt("hello");
        byte[] raw = Base64.getDecoder().decode(sealed.substring("{cipher}".length()));
        // version byte, 12-byte nonce, 5 bytes of ciphertext, 16-byte tag
        assertThat(raw).hasSize(1 + 12 + 5 + 16);
        assertThat(raw[0]).isEqualTo((byte) 1);
        // an independent AES/GCM decryption with the version byte as additional data
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, raw, 1, 12));
        cipher.updateAAD(new byte[] {1});
        assertThat(new String(cipher.doFinal(raw, 13, raw.length - 13), StandardCharsets.UTF_8))
                .isEqualTo("hello");
    }

    @Test
    void anyChangedByteFailsAndSoDoesAnotherVersion() {
        byte[] sealed = box.encrypt("secret".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> box.decrypt(tampered))
                    .as("byte " + i)
                    .isInstanceOf(SecretBox.UndecryptableSecret.class)
                    .hasMessageContaining("altered");
        }
        byte[] otherVersion = sealed.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> box.decrypt(otherVersion)).hasMessageContaining("version 2");
        byte[] truncated = java.util.Arrays.copyOf(sealed, 20);
        assertThatThrownBy(() -> box.decrypt(truncated)).isInstanceOf(SecretBox.UndecryptableSecret.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = box.encrypt("secret");
        SecretBox other = SecretBox.of(SecretBox.generateKey());
        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(SecretBox.UndecryptableSecret.class)
                .hasMessageContaining("wrong CIVICLOOP_SECRET_KEY")
                .hasMessageNotContaining("secret\"");
    }

    @Test
    void keysMustBe32BytesOfBase64AndValuesMustBeSealed() {
        assertThatThrownBy(() -> SecretBox.of("")).isInstanceOf(SecretBox.InvalidKey.class);
        assertThatThrownBy(() -> SecretBox.of("not base64!"))
                .isInstanceOf(SecretBox.InvalidKey.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretBox.of(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(SecretBox.InvalidKey.class)
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> box.decrypt("plain")).isInstanceOf(SecretBox.UndecryptableSecret.class);
        assertThatThrownBy(() -> box.decrypt("{cipher}***")).hasMessageContaining("base64");
        assertThat(Base64.getDecoder().decode(SecretBox.generateKey())).hasSize(32);
        assertThat(SecretBox.fromEnvironment(Map.of())).isEmpty();
        assertThat(SecretBox.fromEnvironment(Map.of("CIVICLOOP_SECRET_KEY", key))
                        .orElseThrow()
                        .decrypt(box.encrypt("x")))
                .isEqualTo("x");
    }
}
