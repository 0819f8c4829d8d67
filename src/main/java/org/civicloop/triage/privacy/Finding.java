package org.civicloop.triage.privacy;

import java.util.Objects;

/**
 * One piece of personal data in a text: its type and where it was ({@code start} inclusive,
 * {@code end} exclusive, in UTF-16 units of the original text). Never holds the value itself, so
 * findings can be logged and stored.
 */
public record Finding(PersonalDataType type, int start, int end) {
    public Finding {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }

    int length() {
        return end - start;
    }
}
