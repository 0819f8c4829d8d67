package org.civicloop.triage.location;

/** A gazetteer file that cannot be used, with the file, the line or feature and what is wrong. */
public class GazetteerException extends RuntimeException {
    public GazetteerException(String message) {
        super(message);
    }
}
