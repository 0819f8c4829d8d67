package org.civicloop.ingest;

import java.util.Locale;

/** Where a message stands in the staff inbox. */
public enum MessageStatus {
    NEW,
    IN_CASE,
    DISMISSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
