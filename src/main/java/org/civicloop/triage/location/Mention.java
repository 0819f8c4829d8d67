package org.civicloop.triage.location;

/**
 * A place named in a text: its kind, where it is in the text, and the gazetteer entries it names.
 *
 * @param street the street (address, street, first street of an intersection)
 * @param cross the other street of an intersection
 * @param number the house number of an address
 * @param landmark the landmark
 * @param confidence how sure the extraction is that this names that place (0..1)
 */
public record Mention(
        LocationKind kind,
        int start,
        int end,
        String text,
        Gazetteer.Street street,
        Gazetteer.Street cross,
        String number,
        Gazetteer.Landmark landmark,
        double confidence) {}
