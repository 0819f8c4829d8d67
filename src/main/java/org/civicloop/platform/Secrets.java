package org.civicloop.platform;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The installation's {@link SecretBox}, for modules that keep secrets in the database or in
 * configuration files they write: the key is {@code CIVICLOOP_SECRET_KEY} from the environment
 * (or, for tests, a property of that name).
 */
@Component
public class Secrets {

    private final Optional<SecretBox> box;

    public Secrets(Environment environment) {
        String key = environment.getProperty(SecretBox.KEY_VARIABLE);
        this.box = key == null || key.isBlank() ? Optional.empty() : Optional.of(SecretBox.of(key));
    }

    public boolean available() {
        return box.isPresent();
    }

    /** The box; {@link IllegalStateException} with a clear message when no key is configured. */
    public SecretBox box() {
        return box.orElseThrow(() -> new IllegalStateException(
                SecretBox.KEY_VARIABLE + " is not set: secrets cannot be stored encrypted. Make a key with"
                        + " 'civicloop secrets generate-key' and set it in the environment."));
    }
}
