package org.civicloop.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The internal life of a case. {@link #open311Status()} is the one place that maps it onto
 * Open311 GeoReport v2's {@code open}/{@code closed}.
 */
public enum CaseStatus {
    NEW,
    ACKNOWLEDGED,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    REOPENED;

    /** Where a case may go from here. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACKNOWLEDGED, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED);
            case ACKNOWLEDGED -> EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED);
            case ASSIGNED -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED);
            case IN_PROGRESS -> EnumSet.of(ASSIGNED, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case CLOSED -> EnumSet.of(REOPENED);
            case REOPENED -> EnumSet.of(ACKNOWLEDGED, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED);
        };
    }

    public boolean canMoveTo(CaseStatus target) {
        return next().contains(target);
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }

    public String open311Status() {
        return isOpen() ? "open" : "closed";
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaseStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
