package org.civicloop.shared;

import java.util.UUID;

/** Identifies one case. */
public record CaseId(UUID value) {
    public CaseId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static CaseId random() {
        return new CaseId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
