package org.civicloop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every text exists in English and Spanish: a key added to one file and not the other fails here. */
class MessageBundlesTests {

    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = MessageBundlesTests.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndSpanishHaveTheSameKeys() throws Exception {
        var en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        var es = new TreeSet<>(load("messages_es.properties").stringPropertyNames());
        assertThat(es).as("keys missing in Spanish").containsAll(en);
        assertThat(en).as("keys missing in English").containsAll(es);
    }

    @Test
    void noTextIsEmptyAndPlaceholdersMatch() throws Exception {
        Properties en = load("messages.properties");
        Properties es = load("messages_es.properties");
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(es.getProperty(key)).as(key).isNotBlank();
            for (int i = 0; i < 5; i++) {
                String placeholder = "{" + i + "}";
                assertThat(es.getProperty(key).contains(placeholder))
                        .as(key + " " + placeholder)
                        .isEqualTo(en.getProperty(key).contains(placeholder));
            }
        }
    }
}
