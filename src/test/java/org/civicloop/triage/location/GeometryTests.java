package org.civicloop.triage.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.civicloop.shared.GeoPoint;
import org.junit.jupiter.api.Test;

/** Point in polygon (concave, holes, several parts), distances, points along lines. */
class GeometryTests {

    static GeoPoint p(double lng, double lat) {
        return new GeoPoint(lat, lng);
    }

    // a U: the notch between x 1..2 above y 1 is outside
    static final List<GeoPoint> U =
            List.of(p(0, 0), p(3, 0), p(3, 3), p(2, 3), p(2, 1), p(1, 1), p(1, 3), p(0, 3), p(0, 0));

    @Test
    void concavePolygons() {
        assertThat(Geometry.inRing(U, p(0.5, 2))).isTrue();
        assertThat(Geometry.inRing(U, p(2.5, 2))).isTrue();
        assertThat(Geometry.inRing(U, p(1.5, 0.5))).isTrue();
        assertThat(Geometry.inRing(U, p(1.5, 2))).isFalse();
        assertThat(Geometry.inRing(U, p(-0.1, 1))).isFalse();
        assertThat(Geometry.inRing(U, p(1.5, 3.5))).isFalse();
        // a ray through a vertex counts once
        assertThat(Geometry.inRing(U, p(0.5, 1))).isTrue();
        assertThat(Geometry.inRing(U, p(-1, 3))).isFalse();
    }

    @Test
    void holesAndMultiPolygons() {
        var square = List.of(p(0, 0), p(10, 0), p(10, 10), p(0, 10), p(0, 0));
        var hole = List.of(p(4, 4), p(6, 4), p(6, 6), p(4, 6), p(4, 4));
        var island = List.of(p(4.5, 4.5), p(5.5, 4.5), p(5.5, 5.5), p(4.5, 5.5), p(4.5, 4.5));
        var polygons = List.of(List.of(square, hole), List.of(island));
        assertThat(Geometry.contains(polygons, p(2, 2))).isTrue();
        assertThat(Geometry.contains(polygons, p(4.2, 4.2))).isFalse();
        assertThat(Geometry.contains(polygons, p(5, 5))).isTrue();
        assertThat(Geometry.contains(polygons, p(11, 5))).isFalse();
    }

    @Test
    void realCoordinates() {
        // Riverton's neighbourhoods: every street's middle is in its own neighbourhood
        Gazetteer riverton = LocationExtractorTests.RIVERTON;
        assertThat(riverton.neighbourhoods()).hasSizeBetween(4, 8);
        int checked = 0;
        for (String line : org.civicloop.triage.location.LocationExtractorTestsSupport.rivertonStreets()) {
            String[] f = line.split(",");
            GeoPoint point = new GeoPoint(Double.parseDouble(f[2]), Double.parseDouble(f[3]));
            assertThat(riverton.neighbourhoodOf(point).map(Gazetteer.Neighbourhood::name))
                    .as(f[0])
                    .contains(f[1]);
            checked++;
        }
        assertThat(checked).isEqualTo(63);
        assertThat(riverton.neighbourhoodOf(new GeoPoint(41.0, -72.0))).isEmpty();
    }

    @Test
    void distancesAndLines() {
        // a degree of latitude is about 111.2 km
        assertThat(Geometry.metres(p(0, 0), p(0, 1))).isCloseTo(111_195, within(10.0));
        var line = List.of(p(0, 0), p(0, 1), p(0, 3));
        assertThat(Geometry.along(line, 0.5).latitude()).isCloseTo(1.5, within(1e-9));
        assertThat(Geometry.along(line, 0).latitude()).isEqualTo(0);
        assertThat(Geometry.along(line, 1).latitude()).isCloseTo(3, within(1e-9));
        assertThat(Geometry.crossing(List.of(List.of(p(0, 0), p(2, 2))), List.of(List.of(p(0, 2), p(2, 0)))))
                .hasValueSatisfying(x -> {
                    assertThat(x.latitude()).isCloseTo(1, within(1e-9));
                    assertThat(x.longitude()).isCloseTo(1, within(1e-9));
                });
        assertThat(Geometry.crossing(List.of(List.of(p(0, 0), p(1, 0))), List.of(List.of(p(0, 1), p(1, 1)))))
                .isEmpty();
    }
}
