package org.civicloop.triage.location;

/** What kind of place a message gives. */
public enum LocationKind {
    /** Coordinates sent with the message (a 311 app, a form's map pin). */
    COORDINATES,
    /** A house number on a street: "120 Mill St". */
    ADDRESS,
    /** Two streets: "Elm and 3rd", "corner of Elm & 3rd", "esquina de Elm y 3ra". */
    INTERSECTION,
    /** A landmark or park: "the library", "Riverside Park". */
    LANDMARK,
    /** A street without a number: "on Mill St". */
    STREET;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
