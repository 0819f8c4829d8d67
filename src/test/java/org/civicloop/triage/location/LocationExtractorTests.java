package org.civicloop.triage.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Places named in English and Spanish texts, against the demo city's gazetteer. */
class LocationExtractorTests {

    static final Gazetteer RIVERTON =
            LocationConfiguration.load("classpath:demo/gazetteer/", Path.of("nowhere"), false);

    final LocationExtractor extractor = new LocationExtractor(RIVERTON);

    Mention best(String text) {
        List<Mention> all = extractor.extract(text);
        assertThat(all).as("places in '%s'", text).isNotEmpty();
        return all.get(0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Pothole in front of 120 Mill St, please fix | 120 | Mill St | 120 Mill St",
                "120 Mill Street, apt 4 | 120 | Mill St | 120 Mill Street",
                "trash not picked up at 45 NORTH MAIN STREET | 45 | North Main St | 45 NORTH MAIN STREET",
                "The light in front of 7 N Main St is out | 7 | North Main St | 7 N Main St",
                "Hay un bache enorme frente al 1234 de la calle Elm | 1234 | Elm St | 1234 de la calle Elm",
                "Basura en la acera, 88 Maple Avenue | 88 | Maple Ave | 88 Maple Avenue",
                "couch dumped at 12B Depot St. since Monday | 12B | Depot St | 12B Depot St",
                "bulky items 116-118 Water St | 116-118 | Water St | 116-118 Water St",
                "the house at 300 Riverton Turnpike is a mess | 300 | Riverton Tpke | 300 Riverton Turnpike",
            })
    void addresses(String text, String number, String street, String found) {
        Mention m = best(text);
        assertThat(m.kind()).isEqualTo(LocationKind.ADDRESS);
        assertThat(m.number()).isEqualTo(number);
        assertThat(m.street().name()).isEqualTo(street);
        assertThat(m.text()).isEqualTo(found);
        assertThat(text.substring(m.start(), m.end())).isEqualTo(found);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pothole at Elm and 3rd | Elm St | 3rd St | Elm and 3rd",
                "Pothole at the corner of Elm & 3rd, deep | Elm St | 3rd St | corner of Elm & 3rd",
                "Signal at Elm St at Oak Ave is stuck | Elm St | Oak St | Elm St at Oak Ave",
                "Hay un bache en la esquina de Elm y 3ra | Elm St | 3rd St | esquina de Elm y 3ra",
                "semáforo roto en Elm y Tercera | Elm St | 3rd St | Elm y Tercera",
                "light at elm and third not working | Elm St | 3rd St | elm and third",
                "Traffic light at Mill St / Depot St flashing | Mill St | Depot St | Mill St / Depot St",
                "stop sign down at the intersection of Main Street and Court Street | Main St | Court St | intersection of Main Street and Court Street",
                "nasty pothole on Canal Rd near Lock St | Canal Rd | Lock St | Canal Rd near Lock St",
                "light pole out grove st & south st | Grove St | South St | grove st & south st",
                "Someone took the stop sign at Pine St / Birch Rd again | Pine St | Birch Rd | Pine St / Birch Rd",
            })
    void intersections(String text, String street, String cross, String found) {
        Mention m = best(text);
        assertThat(m.kind()).isEqualTo(LocationKind.INTERSECTION);
        assertThat(m.street().name()).isEqualTo(street);
        assertThat(m.cross().name()).isEqualTo(cross);
        assertThat(m.text()).isEqualTo(found);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gas smell near the library on Elm | Riverton Public Library | the library",
                "Swings at Riverside Park are broken | Riverside Park | Riverside Park",
                "Graffiti on the wall of St. Mary's Church | St. Mary's Church | St. Mary's Church",
                "Tagging all over the playground at Oak Park park again | Oak Park Common | Oak Park park",
                "los columpios del parque Millbrook están rotos | Millbrook Park | parque Millbrook",
                "huele a gas cerca de la biblioteca | Riverton Public Library | la biblioteca",
                "noise from the train station all night | Riverton Station | the train station",
            })
    void landmarks(String text, String landmark, String found) {
        Mention m = best(text);
        assertThat(m.kind()).isEqualTo(LocationKind.LANDMARK);
        assertThat(m.landmark().name()).isEqualTo(landmark);
        assertThat(m.text()).endsWith(found.replaceFirst("^(the|la) ", ""));
    }

    @Test
    void saintIsNotAStreetType() {
        // the city has Church St; "St. Mary's Church" is the church
        List<Mention> all = extractor.extract("Meet me at St. Mary's Church after mass");
        assertThat(all).extracting(Mention::kind).containsExactly(LocationKind.LANDMARK);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Huge pothole on Mill Street | Mill St",
                "Pothole on Main, right by the bank | Main St",
                "Street light out on Market Square | Market Sq",
                "hay basura en la calle Elm desde el lunes | Elm St",
                "hay basura en la calle elm desde el lunes | Elm St",
                "Bache profundo en la avenida maple, cerca de la escuela | Maple Ave",
                "The road on Hawthorne Ave is more hole than road | Hawthorne Ave",
                "Dead tree on Church St leaning over the sidewalk | Church St",
            })
    void streets(String text, String street) {
        Mention m = best(text);
        assertThat(m.kind()).isEqualTo(LocationKind.STREET);
        assertThat(m.street().name()).isEqualTo(street);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I have been waiting 3 days for a callback",
                "This is the 2nd time I report this",
                "for the 3rd time: nobody came",
                "We need more parks in this city",
                "Main reason I write: the noise at night",
                "kids are at school today and the bus never came",
                "the water is brown and smells",
                "call me back at 311 please",
                "In the spring the court was flooded",
                "3 bags and 2 mattresses",
                "It has been 2 weeks, Mill workers are loud",
                "",
                "   ",
            })
    void noPlace(String text) {
        assertThat(extractor.extract(text)).isEmpty();
    }

    @Test
    void theBestPlaceComesFirst() {
        List<Mention> all = extractor.extract("Pothole on Elm St, in front of 22 Maple Ave, near the library");
        assertThat(all)
                .extracting(Mention::kind)
                .containsExactly(LocationKind.ADDRESS, LocationKind.LANDMARK, LocationKind.STREET);
        assertThat(all.get(0).street().name()).isEqualTo("Maple Ave");
    }
}
