package org.civicloop.channels.activitypub;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.civicloop.platform.SecretBox;
import org.civicloop.platform.Secrets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The city accounts' RSA key pairs: made (2048 bits) the first time an account is used and kept in
 * {@code activitypub_actor}. {@link #privateKey} is the only place the private key is read.
 *
 * <p>With {@code CIVICLOOP_SECRET_KEY} set, the private key is stored sealed ({@code {cipher}…},
 * {@link org.civicloop.platform.SecretBox}), and a key stored in clear before the secret key was
 * set is sealed the first time it is read. Without it, keys are stored in clear, as before.
 */
@Repository
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActorKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Secrets secrets;

    ActorKeys(JdbcClient jdbc, Clock clock, Secrets secrets) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** The account's public key (PEM, SubjectPublicKeyInfo), creating its key pair on first use. */
    String publicKeyPem(String account) {
        ensure(account);
        return jdbc.sql("SELECT public_key_pem FROM activitypub_actor WHERE name = :name")
                .param("name", account)
                .query(String.class)
                .single();
    }

    /** The key that signs what the account sends. */
    PrivateKey privateKey(String account) {
        ensure(account);
        String stored = jdbc.sql("SELECT private_key_pem FROM activitypub_actor WHERE name = :name")
                .param("name", account)
                .query(String.class)
                .single();
        if (SecretBox.isSealed(stored))
            return HttpSignatures.privateKey(secrets.box().decrypt(stored));
        if (secrets.available()) {
            // stored in clear before the installation had a secret key: seal it now
            jdbc.sql(
                            "UPDATE activitypub_actor SET private_key_pem = :sealed WHERE name = :name AND private_key_pem = :plain")
                    .param("sealed", secrets.box().encrypt(stored))
                    .param("name", account)
                    .param("plain", stored)
                    .update();
        }
        return HttpSignatures.privateKey(stored);
    }

    /** Whether the account already has its key pair (without creating one). */
    boolean exists(String account) {
        return findPublicKey(account).isPresent();
    }

    private Optional<String> findPublicKey(String account) {
        return jdbc.sql("SELECT public_key_pem FROM activitypub_actor WHERE name = :name")
                .param("name", account)
                .query(String.class)
                .optional();
    }

    /** Creates the key pair unless there is one; two racing creators keep the first. */
    void ensure(String account) {
        if (findPublicKey(account).isPresent()) return;
        KeyPair pair = generate();
        jdbc.sql("""
                INSERT INTO activitypub_actor (name, public_key_pem, private_key_pem, created_at)
                VALUES (:name, :pub, :priv, :now) ON CONFLICT (name) DO NOTHING
                """)
                .param("name", account)
                .param("pub", pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                .param("priv", seal(pem("PRIVATE KEY", pair.getPrivate().getEncoded())))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private String seal(String privatePem) {
        return secrets.available() ? secrets.box().encrypt(privatePem) : privatePem;
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
