package org.civicloop.triage.location;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The demo city's street list ({@code street,neighbourhood,lat,lng}), read independently of the gazetteer. */
final class LocationExtractorTestsSupport {

    private LocationExtractorTestsSupport() {}

    static List<String> rivertonStreets() {
        try (var in = new BufferedReader(new InputStreamReader(
                LocationExtractorTestsSupport.class.getClassLoader().getResourceAsStream("demo/riverton-streets.csv"),
                StandardCharsets.UTF_8))) {
            return in.lines().skip(1).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
