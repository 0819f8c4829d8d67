package org.civicloop.triage.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civicloop.shared.GeoPoint;
import org.civicloop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading gazetteer files, and the messages a mistake in them gives. */
class GazetteerFilesTests {

    @TempDir
    Path dir;

    Gazetteer read(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
        return GazetteerFiles.read(dir);
    }

    String error(String file, String content) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> read(file, content));
        assertThat(t).isInstanceOf(GazetteerException.class);
        assertThat(t.getMessage()).startsWith(dir + "/" + file + ": ");
        return t.getMessage().substring((dir + "/" + file + ": ").length());
    }

    @Test
    void streetsOfTheSameNameAddUp() throws IOException {
        Files.writeString(dir.resolve("streets.csv"), """
                \uFEFFName,Aliases,Lat,Lng,extra
                Bellevue Ave,Bellevue;The Avenue,41.47,-71.30,x
                Bellevue Avenue,Belleview Ave,,,
                "Dr Marcus Wheatland Blvd","Marcus Wheatland Boulevard",,,
                # a comment line
                """);
        Gazetteer g = GazetteerFiles.read(dir);
        assertThat(g.streets()).hasSize(2);
        Gazetteer.Street bellevue = g.street("BELLEVUE AVENUE").orElseThrow();
        assertThat(bellevue.aliases()).containsExactly("Bellevue", "The Avenue", "Belleview Ave");
        assertThat(bellevue.centroid()).isEqualTo(new GeoPoint(41.47, -71.30));
        assertThat(g.street("Belleview Ave")).contains(bellevue);
        assertThat(g.street("Marcus Wheatland Blvd.")).isPresent();
        assertThat(g.source()).isEqualTo(dir.toString());
    }

    @Test
    void aListOfStreetNamesWithCountsIsAGazetteer() {
        // the shared Newport list: street,issue_count
        Path file = SharedData.path("gazetteer/newport-streets.csv");
        Gazetteer g =
                GazetteerFiles.read(name -> name.equals("streets.csv") ? Files.newInputStream(file) : null, "newport");
        assertThat(g.streets().size()).isBetween(300, 426);
        assertThat(g.street("Bellevue Avenue")).isPresent();
        assertThat(g.street("Broadway")).isPresent();
        assertThat(g.neighbourhoods()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "streets.csv | 'lat,lng\n1,2\n' | the header has no column name or street (it has [lat, lng])",
                "streets.csv | 'name,lat,lng\nMill St,abc,2\n' | line 2: lat 'abc' is not a number",
                "streets.csv | 'name,lat,lng\nMill St,41.7,\n' | line 2: give both lat and lng, or neither",
                "streets.csv | 'name,lat,lng\nMill St,141.7,-72\n' | line 2: latitude 141.7 is outside -90..90",
                "streets.csv | 'name,lat,lng,from\nMill St,41.7,-72,ten\n' | line 2: from 'ten' is not a whole number",
                "streets.csv | 'name,aliases\n,Mill\n' | line 2: name is empty",
                "intersections.csv | 'street1,street2,lat\nA St,B St,1\n' | the header has no column lng or lon or long or longitude (it has [street1, street2, lat])",
                "intersections.csv | 'street1,street2,lat,lng\nA St,B St,,\n' | line 2: lat and lng are missing",
                "landmarks.csv | 'name,lat,lng\nLibrary,1,200\n' | line 2: longitude 200.0 is outside -180..180",
                "landmarks.csv | 'name,lat,lng\nLibrary,95,60\n' | line 2: latitude 95.0 is outside -90..90 (latitude and longitude swapped?",
                "addresses.csv | 'number,street,lat,lng\n\"12,Mill St,1,2\n' | not a valid CSV file",
            })
    void csvMistakes(String file, String content, String message) {
        assertThat(error(file, content.replace("\\n", "\n"))).startsWith(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [ | not valid JSON",
                "neighbourhoods.geojson | [1, 2] | not a GeoJSON object",
                "neighbourhoods.geojson | {\"type\": \"Topology\"} | expected a GeoJSON FeatureCollection, found type Topology",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\"} | the FeatureCollection has no \"features\" array",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,0]]]}}]} | feature 1: properties have no name",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"North\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [0, 0]}}]} | feature 1 (North): a neighbourhood is a Polygon or MultiPolygon, not Point",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"North\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[0,0]]]}}]} | feature 1 (North): a polygon ring needs at least 4 positions (closed), found 3",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"North\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[45,-120],[45,-121],[46,-121],[45,-120]]]}}]} | feature 1 (North): latitude -120.0 is outside -90..90 (latitude and longitude swapped? GeoJSON positions are [longitude, latitude])",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"North\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[\"a\",1],[0,0]]]}}]} | feature 1 (North): a position must be [longitude, latitude], found [\"a\",1]",
                "neighbourhoods.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"North\"}}]} | feature 1: has no geometry",
                "streets.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"Mill St\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,0]]]}}]} | feature 1 (Mill St): a street is a LineString, MultiLineString or Point, not Polygon",
                "streets.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"Mill St\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[0,0]]}}]} | feature 1 (Mill St): a line needs 2 positions",
                "landmarks.geojson | {\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"Pier\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[0,0],[1,1]]}}]} | feature 1 (Pier): a landmark is a Point or a Polygon, not LineString",
            })
    void geoJsonMistakes(String file, String content, String message) {
        assertThat(error(file, content)).startsWith(message);
    }

    @Test
    void geoJsonNeighbourhoodsAndLandmarks() throws IOException {
        Files.writeString(dir.resolve("landmarks.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"name": "Riverside Park", "aliases": "the park; parque", "kind": "park"},
                  "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}}]}""");
        Gazetteer g = read("neighbourhoods.geojson", """
                {"type": "Feature", "properties": {"neighborhood": "Two Parts"},
                 "geometry": {"type": "MultiPolygon", "coordinates": [
                   [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
                   [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]}}""");
        assertThat(g.neighbourhoodOf(new GeoPoint(5.5, 5.5)).orElseThrow().name())
                .isEqualTo("Two Parts");
        assertThat(g.neighbourhoodOf(new GeoPoint(3, 3))).isEmpty();
        Gazetteer.Landmark park = g.landmarks().get(0);
        assertThat(park.point()).isEqualTo(new GeoPoint(1, 1));
        assertThat(park.aliases()).containsExactly("the park", "parque");
        assertThat(park.kind()).isEqualTo("park");
    }

    @Test
    void aFolderWithoutGazetteerFiles() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "nothing");
        assertThatThrownBy(() -> GazetteerFiles.read(dir))
                .isInstanceOf(GazetteerException.class)
                .hasMessageContaining("has none of the files [streets.csv");
        assertThatThrownBy(() -> GazetteerFiles.read(dir.resolve("missing")))
                .hasMessage("Gazetteer folder " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void theConfiguredLocation() throws IOException {
        // no setting: <data>/gazetteer if there is one, the demo city's for the demo, else none
        assertThat(LocationConfiguration.load("", dir, false).isEmpty()).isTrue();
        assertThat(LocationConfiguration.load(null, dir, true).source()).isEqualTo("classpath:demo/gazetteer/");
        Files.createDirectories(dir.resolve("gazetteer"));
        Files.writeString(dir.resolve("gazetteer/streets.csv"), "name\nMill St\n");
        assertThat(LocationConfiguration.load(" ", dir, true).streets()).hasSize(1);
        assertThat(LocationConfiguration.load("file:" + dir.resolve("gazetteer"), Path.of("x"), false)
                        .streets())
                .hasSize(1);
        assertThatThrownBy(() -> LocationConfiguration.load("classpath:nowhere/", dir, false))
                .hasMessageContaining("classpath:nowhere/ has none of the files");
    }
}
