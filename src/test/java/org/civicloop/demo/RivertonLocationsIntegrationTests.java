package org.civicloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo city's messages are located against its own gazetteer (used because the data folder
 * has none): most reports get a place, every located point a neighbourhood, and the
 * neighbourhood of a message that names one of its streets with a house number is that street's.
 */
@SpringBootTest(properties = {"civicloop.demo.enabled=true", "civicloop.demo.messages=300"})
class RivertonLocationsIntegrationTests {

    // other tests share the database (a Newport CSV import, web reports): count the demo city's only
    static final String DEMO = " l.message_id IN (SELECT id FROM message WHERE external_id LIKE 'demo-%')";
    static final String DEMO_MESSAGES_COUNT = "SELECT count(*) FROM message WHERE external_id LIKE 'demo-%'";

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoMessagesGetPlacesAndNeighbourhoods() throws Exception {
        long messages = jdbc.sql(DEMO_MESSAGES_COUNT).query(Long.class).single();
        assertThat(messages).isGreaterThanOrEqualTo(300);
        // locating runs after each message is stored: wait until it settles
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        long located = -1;
        while (Instant.now().isBefore(deadline)) {
            long now = jdbc.sql("SELECT count(*) FROM message_location l WHERE " + DEMO)
                    .query(Long.class)
                    .single();
            if (now == located && now > 0) break;
            located = now;
            Thread.sleep(2000);
        }
        Map<String, Object> counts = jdbc.sql("""
                        SELECT count(*) AS located,
                               count(*) FILTER (WHERE latitude IS NOT NULL) AS placed,
                               count(*) FILTER (WHERE latitude IS NOT NULL AND neighbourhood IS NULL) AS outside,
                               count(DISTINCT neighbourhood) AS neighbourhoods,
                               count(*) FILTER (WHERE kind = 'intersection') AS intersections,
                               count(*) FILTER (WHERE kind = 'address') AS addresses,
                               count(*) FILTER (WHERE kind = 'coordinates') AS coordinates
                          FROM message_location l
                         WHERE """ + DEMO).query().singleRow();
        long reportsWithAStreet = jdbc.sql("""
                        SELECT count(*) FROM message m
                         WHERE m.external_id LIKE 'demo-%' AND m.body ~ '(St|Ave|Rd|Dr|Ln|Way|Pl|Sq|Tpke)\\M'
                        """).query(Long.class).single();
        assertThat((Long) counts.get("located")).isGreaterThanOrEqualTo(reportsWithAStreet * 9 / 10);
        assertThat((Long) counts.get("placed")).isEqualTo(counts.get("located"));
        assertThat((Long) counts.get("outside")).isZero();
        assertThat((Long) counts.get("neighbourhoods")).isEqualTo(8);
        assertThat((Long) counts.get("intersections")).isPositive();
        assertThat((Long) counts.get("addresses")).isPositive();
        assertThat((Long) counts.get("coordinates")).isPositive();

        // a house number on a street, read from the text: the street's own neighbourhood
        var streets = RivertonCity.streets();
        var rows = jdbc.sql("""
                        SELECT l.found_text, l.neighbourhood FROM message_location l
                         WHERE l.kind = 'address' AND l.source = 'text' AND """ + DEMO).query().listOfRows();
        assertThat(rows).isNotEmpty();
        for (var row : rows) {
            String found = (String) row.get("found_text");
            // the longest name the address ends with: "126 North Main St" is on North Main St, not Main St
            streets.stream()
                    .filter(s -> found.toLowerCase().endsWith(" " + s.name().toLowerCase()))
                    .max(java.util.Comparator.comparingInt(s -> s.name().length()))
                    .ifPresent(
                            s -> assertThat(row.get("neighbourhood")).as(found).isEqualTo(s.neighbourhood()));
        }
    }
}
