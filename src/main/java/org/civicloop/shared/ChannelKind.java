package org.civicloop.shared;

import java.util.Locale;

/** A medium through which residents reach the city and the city answers. */
public enum ChannelKind {
    WEB,
    EMAIL,
    SMS,
    MASTODON,
    BLUESKY,
    ACTIVITYPUB,
    OPEN311,
    PHONE,
    /** X (formerly Twitter). */
    X,
    /** A visit to a counter or an outreach event, recorded by staff. */
    IN_PERSON;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }

    public static boolean isKnown(String code) {
        if (code == null || code.isBlank()) return false;
        for (ChannelKind kind : values()) {
            if (kind.code().equalsIgnoreCase(code.trim())) return true;
        }
        return false;
    }
}
