package org.civicloop.triage;

/** Inbox views over the triage results. */
public enum TriageFilter {
    /** The service category is too unsure and no one has corrected it yet. */
    NEEDS_HUMAN,
    /** Found to be an emergency. */
    EMERGENCY,
    /** Staff corrected the service category. */
    CORRECTED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static TriageFilter fromCode(String code) {
        if (code == null || code.isBlank()) return null;
        for (var f : values()) if (f.code().equals(code.strip())) return f;
        return null;
    }
}
