package org.civicloop.shared;

import java.util.UUID;

/** Identifies one inbound resident message. */
public record MessageId(UUID value) {
    public MessageId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
