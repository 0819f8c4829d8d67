package org.civicloop.platform.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicloop.platform.SecretBox;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Opens every configuration value written {@code {cipher}BASE64} (in {@code channels.yml},
 * application properties, command-line arguments or environment variables) with the key in
 * {@code CIVICLOOP_SECRET_KEY}. Each source holding such values gets a companion source placed
 * right before it with the plain values, so precedence between sources is unchanged and a
 * {@code ${VARIABLE}} placeholder naming an encrypted variable resolves to the plain value.
 *
 * <p>An encrypted value without a key, or one the key cannot open, stops the start with a message
 * naming the property and its source, never the value.
 */
public class DecryptingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After the configuration files and {@code channels.yml} are loaded. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        decrypt(environment);
    }

    /** Adds the companion sources; answers how many values it opened. */
    public static int decrypt(ConfigurableEnvironment environment) {
        record Companion(PropertySource<?> before, PropertySource<?> plain) {}
        List<Companion> companions = new ArrayList<>();
        SecretBox box = null;
        int opened = 0;
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) continue;
            if (source.getName().startsWith(COMPANION)) continue;
            Map<String, Object> plain = new LinkedHashMap<>();
            for (String name : enumerable.getPropertyNames()) {
                Object value = enumerable.getProperty(name);
                if (!(value instanceof CharSequence text) || !SecretBox.isSealed(text.toString())) continue;
                if (box == null) box = box(environment, name, source.getName());
                try {
                    plain.put(name, box.decrypt(text.toString()));
                    opened++;
                } catch (SecretBox.UndecryptableSecret e) {
                    throw new IllegalStateException(
                            "Configuration value " + name + " (from " + source.getName() + ") is encrypted but "
                                    + e.getMessage().replaceFirst("^Cannot decrypt: ", "cannot be decrypted: ")
                                    + ". Encrypt it again with 'civicloop secrets encrypt' using the key in "
                                    + SecretBox.KEY_VARIABLE + ".",
                            null);
                }
            }
            if (plain.isEmpty()) continue;
            PropertySource<?> companion = source instanceof SystemEnvironmentPropertySource
                    ? new SystemEnvironmentPropertySource(COMPANION + source.getName() + "-systemEnvironment", plain)
                    : new MapPropertySource(COMPANION + source.getName(), plain);
            companions.add(new Companion(source, companion));
        }
        for (Companion c : companions) {
            environment.getPropertySources().addBefore(c.before().getName(), c.plain());
        }
        return opened;
    }

    private static final String COMPANION = "decrypted:";

    private static SecretBox box(ConfigurableEnvironment environment, String property, String source) {
        String key = environment.getProperty(SecretBox.KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("Configuration value " + property + " (from " + source
                    + ") is encrypted ({cipher}…) but " + SecretBox.KEY_VARIABLE
                    + " is not set. Set it to the key the value was encrypted with.");
        }
        try {
            return SecretBox.of(key);
        } catch (SecretBox.InvalidKey e) {
            throw new IllegalStateException(
                    "Configuration value " + property + " is encrypted but the key is unusable: " + e.getMessage(),
                    null);
        }
    }
}
