package org.civicloop.triage.location;

import org.civicloop.shared.GeoPoint;

/**
 * Where a message is about.
 *
 * @param kind what was found
 * @param text the words that name the place, as written (null for bare coordinates)
 * @param point where it is; null when the gazetteer names the street but has no coordinates for it
 * @param neighbourhood the neighbourhood the point is in, if the gazetteer has one there
 * @param confidence how sure (0..1): the extraction's confidence times how precisely it was geocoded
 * @param source {@code payload} (coordinates sent with the message), {@code address} (the address
 *     field sent with it) or {@code text} (the message's text)
 */
public record Location(
        LocationKind kind, String text, GeoPoint point, String neighbourhood, double confidence, String source) {}
