package org.civicloop.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicloop.platform.SecretBox;
import org.civicloop.platform.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The settings form writes channels.yml: secrets encrypted and write-only, values checked first. */
class ChannelSettingsEditorTests {

    @TempDir
    Path dir;

    final String key = SecretBox.generateKey();

    ChannelSettingsEditor editor(boolean withKey) {
        var env = new StandardEnvironment();
        var properties = new java.util.HashMap<String, Object>();
        properties.put("civicloop.data-dir", dir.toString());
        if (withKey) properties.put("CIVICLOOP_SECRET_KEY", key);
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new ChannelSettingsEditor(env, new Secrets(env));
    }

    Map<String, Object> mastodon() {
        @SuppressWarnings("unchecked")
        var channels = (Map<String, Object>) ((Map<String, Object>)
                        ChannelsFile.read(dir.resolve("channels.yml")).get("civicloop"))
                .get("channels");
        @SuppressWarnings("unchecked")
        var section = (Map<String, Object>) channels.get("mastodon");
        return section;
    }

    @Test
    void secretsAreSavedEncryptedKeptWhenLeftBlankAndRemovedOnRequest() throws Exception {
        var editor = editor(true);
        var saved = editor.save(
                "mastodon",
                Map.of(
                        "enabled", "true",
                        "base-url", "https://city.social",
                        "access-token", "tok-SECRET-1",
                        "hashtags", "potholes, riverton\nstreetlights",
                        "visibility", "unlisted"),
                Set.of());
        assertThat(saved.saved()).isTrue();
        assertThat(saved.changed()).contains("enabled", "base-url", "access-token", "hashtags", "visibility");

        String text = Files.readString(dir.resolve("channels.yml"));
        assertThat(text).doesNotContain("tok-SECRET-1").contains("{cipher}");
        assertThat(mastodon().get("hashtags")).isEqualTo(List.of("potholes", "riverton", "streetlights"));
        assertThat(SecretBox.of(key).decrypt((String) mastodon().get("access-token")))
                .isEqualTo("tok-SECRET-1");

        // the form never carries the secret, only that it is set
        var form = editor.forms().stream()
                .filter(f -> f.kind().equals("mastodon"))
                .findFirst()
                .orElseThrow();
        var token = form.fields().stream()
                .filter(f -> f.name().equals("access-token"))
                .findFirst()
                .orElseThrow();
        assertThat(token.value()).isNull();
        assertThat(token.set()).isTrue();
        assertThat(form.toString()).doesNotContain("tok-SECRET-1").doesNotContain("{cipher}");

        // a blank secret keeps the saved one; other fields change
        String sealed = (String) mastodon().get("access-token");
        var again = editor.save(
                "mastodon",
                Map.of("enabled", "true", "base-url", "https://city.social", "access-token", "", "account", "cityhall"),
                Set.of());
        assertThat(again.changed()).containsExactlyInAnyOrder("account", "hashtags", "visibility");
        assertThat(mastodon().get("access-token")).isEqualTo(sealed);

        var cleared = editor.save(
                "mastodon", Map.of("enabled", "true", "base-url", "https://city.social"), Set.of("access-token"));
        assertThat(cleared.changed()).contains("access-token");
        assertThat(mastodon()).doesNotContainKey("access-token");
    }

    @Test
    void withoutAKeySecretsAreRefusedAndNothingIsWritten() {
        var editor = editor(false);
        var result = editor.save("sms", Map.of("enabled", "true", "auth-token", "abc"), Set.of());
        assertThat(result.saved()).isFalse();
        assertThat(result.error()).contains("CIVICLOOP_SECRET_KEY is not set");
        assertThat(dir.resolve("channels.yml")).doesNotExist();
        // settings without secrets are still saved
        assertThat(editor.save("sms", Map.of("from", "+15550001111"), Set.of()).saved())
                .isTrue();
        assertThat(dir.resolve("channels.yml")).exists();
    }

    @Test
    void badValuesAreRefusedWithTheFieldNamed() {
        var editor = editor(true);
        assertThat(editor.save("mastodon", Map.of("base-url", "javascript:alert(1)"), Set.of())
                        .error())
                .contains("base-url");
        assertThat(editor.save("mastodon", Map.of("base-url", "https://x.example", "visibility", "everyone"), Set.of())
                        .error())
                .contains("visibility");
        assertThat(editor.save("mastodon", Map.of("enabled", "true"), Set.of()).error())
                .contains("base-url is required");
        assertThat(editor.save("sms", Map.of("default-country-code", "1a"), Set.of())
                        .error())
                .contains("default-country-code");
        assertThat(editor.save("sms", Map.of("from", "{cipher}AAAA"), Set.of()).error())
                .contains("from");
        assertThat(editor.save("telegraph", Map.of(), Set.of()).error()).contains("telegraph");
        assertThat(dir.resolve("channels.yml")).doesNotExist();
    }

    @Test
    void otherKeysInTheFileSurviveASave() throws Exception {
        Files.writeString(dir.resolve("channels.yml"), """
                civicloop:
                  channels:
                    mastodon:
                      reconnect-max: 5m
                    email:
                      enabled: true
                """);
        editor(true).save("mastodon", Map.of("base-url", "https://city.social"), Set.of());
        assertThat(mastodon()).containsEntry("reconnect-max", "5m").containsEntry("base-url", "https://city.social");
        assertThat(Files.readString(dir.resolve("channels.yml"))).contains("email:");
    }

    @Test
    void nestedPropertiesAreWrittenAsNestedYamlAndLoadAsProperties() throws Exception {
        var editor = editor(true);
        var saved = editor.save(
                "email",
                Map.of(
                        "imap.enabled", "true",
                        "imap.host", "imap.city.gov",
                        "imap.port", "993",
                        "imap.security", "SSL",
                        "imap.username", "reports@city.gov",
                        "imap.password", "imap-SECRET",
                        "own-addresses", "reports@city.gov"),
                Set.of());
        assertThat(saved.saved()).as(saved.error()).isTrue();
        String yaml = Files.readString(dir.resolve("channels.yml"));
        assertThat(yaml).doesNotContain("imap-SECRET").doesNotContain("imap.host");

        var env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "test", Map.of("civicloop.data-dir", dir.toString(), "CIVICLOOP_SECRET_KEY", key)));
        ChannelsFileEnvironmentPostProcessor.load(env);
        org.civicloop.platform.secrets.DecryptingEnvironmentPostProcessor.decrypt(env);
        assertThat(env.getProperty("civicloop.channels.email.imap.host")).isEqualTo("imap.city.gov");
        assertThat(env.getProperty("civicloop.channels.email.imap.password")).isEqualTo("imap-SECRET");
        assertThat(env.getProperty("civicloop.channels.email.smtp.enabled")).isEqualTo("false");

        var form = editor.forms().stream()
                .filter(f -> f.kind().equals("email"))
                .findFirst()
                .orElseThrow();
        assertThat(form.fields())
                .filteredOn(f -> f.name().equals("imap.host"))
                .singleElement()
                .extracting(ChannelSettingsForm.Field::value)
                .isEqualTo("imap.city.gov");
        assertThat(form.fields())
                .filteredOn(f -> f.name().equals("imap.password"))
                .singleElement()
                .satisfies(f -> assertThat(f.set()).isTrue());

        // clearing the only nested value of a group leaves no empty group behind
        editor.save("email", Map.of("imap.host", "imap.city.gov"), Set.of("imap.password"));
        assertThat(Files.readString(dir.resolve("channels.yml"))).doesNotContain("password");
        assertThat(editor.save("email", Map.of("smtp.security", "TLS1"), Set.of())
                        .error())
                .contains("smtp.security");
    }
}
