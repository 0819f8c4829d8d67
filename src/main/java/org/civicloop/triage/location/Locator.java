package org.civicloop.triage.location;

import java.util.List;
import java.util.Optional;
import org.civicloop.shared.GeoPoint;

/**
 * Locates a message: coordinates sent with it win; else the address field sent with it; else the
 * places its text names, geocoded against the gazetteer — an address point, a house number
 * interpolated along the street's line, a listed or computed intersection, a landmark, a street's
 * middle — and the neighbourhood the point falls in.
 */
public final class Locator {

    private final Gazetteer gazetteer;
    private final LocationExtractor extractor;

    public Locator(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.extractor = new LocationExtractor(gazetteer);
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    public LocationExtractor extractor() {
        return extractor;
    }

    /** The version of the rules and the gazetteer, stored beside each result. */
    public String version() {
        return LocationExtractor.VERSION + "; gazetteer=" + gazetteer.source() + " ("
                + gazetteer.streets().size()
                + " streets, " + gazetteer.landmarks().size() + " landmarks, "
                + gazetteer.neighbourhoods().size()
                + " neighbourhoods)";
    }

    public Optional<Location> locate(String text, GeoPoint payloadPoint, String payloadAddress) {
        if (payloadPoint != null) {
            return Optional.of(new Location(
                    LocationKind.COORDINATES,
                    blankToNull(payloadAddress),
                    payloadPoint,
                    neighbourhood(payloadPoint),
                    1.0,
                    "payload"));
        }
        Optional<Location> fromAddress = best(extractor.extract(payloadAddress), "address");
        if (fromAddress.isPresent() && fromAddress.get().point() != null) return fromAddress;
        Optional<Location> fromText = best(extractor.extract(text), "text");
        if (fromText.isPresent() && fromText.get().point() != null) return fromText;
        return fromAddress.isPresent() ? fromAddress : fromText;
    }

    /** The most confident place among the mentions, preferring one with coordinates. */
    private Optional<Location> best(List<Mention> mentions, String source) {
        Location best = null;
        for (Mention m : mentions) {
            Location l = geocode(m, source);
            if (best == null
                    || (best.point() == null && l.point() != null)
                    || ((best.point() == null) == (l.point() == null) && l.confidence() > best.confidence())) best = l;
        }
        return Optional.ofNullable(best);
    }

    /** A mention's point and how precisely it was found. */
    public Location geocode(Mention m, String source) {
        GeoPoint point = null;
        double precision = 0;
        switch (m.kind()) {
            case LANDMARK -> {
                point = m.landmark().point();
                precision = 1;
            }
            case ADDRESS -> {
                Optional<GeoPoint> listed = gazetteer.address(m.number(), m.street());
                if (listed.isPresent()) {
                    point = listed.get();
                    precision = 1;
                } else {
                    point = interpolate(m.street(), m.number());
                    precision = 0.85;
                    if (point == null) {
                        point = m.street().point().orElse(null);
                        precision = 0.55;
                    }
                }
            }
            case INTERSECTION -> {
                Optional<GeoPoint> crossing = gazetteer.intersection(m.street(), m.cross());
                if (crossing.isPresent()) {
                    point = crossing.get();
                    precision = 1;
                } else {
                    GeoPoint a = m.street().point().orElse(null);
                    GeoPoint b = m.cross().point().orElse(null);
                    if (a != null && b != null && Geometry.metres(a, b) < 1500) {
                        point = new GeoPoint((a.latitude() + b.latitude()) / 2, (a.longitude() + b.longitude()) / 2);
                        precision = 0.5;
                    } else if (a != null) {
                        point = a;
                        precision = 0.4;
                    }
                }
            }
            case STREET -> {
                point = m.street().point().orElse(null);
                precision = 0.8;
            }
            case COORDINATES -> throw new IllegalArgumentException("a text names no coordinates");
        }
        double confidence = point == null ? m.confidence() * 0.5 : m.confidence() * precision;
        return new Location(
                m.kind(),
                m.text(),
                point,
                point == null ? null : neighbourhood(point),
                Math.round(confidence * 1000) / 1000.0,
                source);
    }

    /** A house number's place along the street's line, from the numbers at its ends. */
    private static GeoPoint interpolate(Gazetteer.Street street, String number) {
        if (street.lines().isEmpty() || street.from() == null || street.to() == null) return null;
        int n;
        try {
            n = Integer.parseInt(number.replaceAll("^(\\d+).*$", "$1"));
        } catch (NumberFormatException e) {
            return null;
        }
        int lo = Math.min(street.from(), street.to()), hi = Math.max(street.from(), street.to());
        if (n < lo || n > hi || lo == hi) return null;
        double fraction = (double) (n - street.from()) / (street.to() - street.from());
        return Geometry.along(street.longest(), fraction);
    }

    private String neighbourhood(GeoPoint p) {
        return gazetteer.neighbourhoodOf(p).map(Gazetteer.Neighbourhood::name).orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
