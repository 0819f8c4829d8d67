package org.civicloop.triage.kind;

import java.util.Locale;

/** What a message is. */
public enum Kind {
    SERVICE_REQUEST,
    QUESTION,
    OPINION,
    COMPLAINT,
    PRAISE,
    EMERGENCY,
    ABUSE,
    SPAM,
    OFF_TOPIC;

    /** The label in files and in the database, e.g. {@code service_request}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromCode(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
