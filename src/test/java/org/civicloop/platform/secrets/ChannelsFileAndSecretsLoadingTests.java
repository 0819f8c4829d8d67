package org.civicloop.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.civicloop.channels.ChannelsFileEnvironmentPostProcessor;
import org.civicloop.platform.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code channels.yml} is loaded into the environment from the data directory, and every {@code
 * {cipher}} value, from any source, is decrypted with {@code CIVICLOOP_SECRET_KEY}, or the start
 * stops with a message that names the property and never the value.
 */
class ChannelsFileAndSecretsLoadingTests {

    @TempDir
    Path data;

    final String key = SecretBox.generateKey();
    final SecretBox box = SecretBox.of(key);

    StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> applicationProperties) {
        var env = new StandardEnvironment();
        var sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new MapPropertySource("test", properties));
        sources.addLast(new MapPropertySource(
                "Config resource 'class path resource [application.properties]'", applicationProperties));
        return env;
    }

    @Test
    void theFileInTheDataDirectoryIsLoadedAboveApplicationPropertiesAndItsCiphersOpened() throws Exception {
        String token = "mastodon-token-123";
        Files.writeString(data.resolve("channels.yml"), """
                civicloop:
                  channels:
                    mastodon:
                      enabled: true
                      base-url: https://city.social
                      access-token: "%s"
                      hashtags:
                        - potholes
                        - riverton
                """.formatted(box.encrypt(token)));
        var env = environment(
                Map.of("civicloop.data-dir", data.toString(), "CIVICLOOP_SECRET_KEY", key),
                Map.of("civicloop.channels.mastodon.enabled", "false"));

        assertThat(ChannelsFileEnvironmentPostProcessor.load(env)).isTrue();
        assertThat(DecryptingEnvironmentPostProcessor.decrypt(env)).isEqualTo(1);

        assertThat(env.getProperty("civicloop.channels.mastodon.enabled")).isEqualTo("true");
        assertThat(env.getProperty("civicloop.channels.mastodon.access-token")).isEqualTo(token);
        assertThat(Binder.get(env)
                        .bind("civicloop.channels.mastodon.hashtags", Bindable.listOf(String.class))
                        .get())
                .containsExactly("potholes", "riverton");
    }

    @Test
    void higherSourcesStillWinAndEncryptedEnvironmentVariablesBindAndResolve() {
        var env = environment(
                Map.of("CIVICLOOP_SECRET_KEY", key, "civicloop.channels.sms.auth-token", "from-command-line"),
                Map.of("civicloop.channels.mastodon.access-token", "${MASTODON_TOKEN}"));
        env.getPropertySources()
                .addAfter(
                        "test",
                        new SystemEnvironmentPropertySource(
                                "systemEnvironment",
                                Map.of(
                                        "CIVICLOOP_CHANNELS_SMS_AUTH_TOKEN", box.encrypt("from-environment"),
                                        "CIVICLOOP_CHANNELS_BLUESKY_APP_PASSWORD", box.encrypt("app-pass"),
                                        "MASTODON_TOKEN", box.encrypt("placeholder-token"))));

        assertThat(DecryptingEnvironmentPostProcessor.decrypt(env)).isEqualTo(3);

        assertThat(env.getProperty("civicloop.channels.sms.auth-token")).isEqualTo("from-command-line");
        assertThat(Binder.get(env)
                        .bind("civicloop.channels.bluesky.app-password", String.class)
                        .get())
                .isEqualTo("app-pass");
        assertThat(env.getProperty("civicloop.channels.mastodon.access-token")).isEqualTo("placeholder-token");
    }

    @Test
    void anEncryptedValueWithoutTheKeyStopsTheStartNamingThePropertyNotTheValue() throws Exception {
        String sealed = box.encrypt("secret-value");
        Files.writeString(data.resolve("channels.yml"), "civicloop.channels.sms.auth-token: \"" + sealed + "\"\n");
        var env = environment(Map.of("civicloop.data-dir", data.toString()), Map.of());
        ChannelsFileEnvironmentPostProcessor.load(env);

        assertThatThrownBy(() -> DecryptingEnvironmentPostProcessor.decrypt(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("civicloop.channels.sms.auth-token")
                .hasMessageContaining("CIVICLOOP_SECRET_KEY is not set")
                .hasMessageNotContaining(sealed.substring(8, 20));
    }

    @Test
    void aWrongKeyOrAnUnusableKeyStopsTheStartToo() {
        String sealed = box.encrypt("secret-value");
        var wrong = environment(
                Map.of("CIVICLOOP_SECRET_KEY", SecretBox.generateKey(), "civicloop.channels.x.password", sealed),
                Map.of());
        assertThatThrownBy(() -> DecryptingEnvironmentPostProcessor.decrypt(wrong))
                .hasMessageContaining("civicloop.channels.x.password")
                .hasMessageContaining("wrong CIVICLOOP_SECRET_KEY");
        var unusable = environment(
                Map.of("CIVICLOOP_SECRET_KEY", "c2hvcnQ=", "civicloop.channels.x.password", sealed), Map.of());
        assertThatThrownBy(() -> DecryptingEnvironmentPostProcessor.decrypt(unusable))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void noFileNoChangeButANamedFileMustExist() {
        var env = environment(Map.of("civicloop.data-dir", data.toString()), Map.of());
        assertThat(ChannelsFileEnvironmentPostProcessor.load(env)).isFalse();
        assertThat(DecryptingEnvironmentPostProcessor.decrypt(env)).isZero();

        var named = environment(
                Map.of("civicloop.channels.file", data.resolve("missing.yml").toString()), Map.of());
        assertThatThrownBy(() -> ChannelsFileEnvironmentPostProcessor.load(named))
                .hasMessageContaining("missing.yml")
                .hasMessageContaining("does not exist");
    }

    @Test
    void anExplicitFileIsReadFromItsPlace() throws Exception {
        Path file = data.resolve("elsewhere.yml");
        Files.writeString(file, "civicloop.channels.bluesky.keywords: [pothole, streetlight]\n");
        var env = environment(Map.of("civicloop.channels.file", file.toString()), Map.of());
        ChannelsFileEnvironmentPostProcessor.load(env);
        assertThat(Binder.get(env)
                        .bind("civicloop.channels.bluesky.keywords", Bindable.listOf(String.class))
                        .get())
                .isEqualTo(List.of("pothole", "streetlight"));
    }
}
