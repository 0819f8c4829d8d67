package org.civicloop.ingest;

import java.time.Instant;

/** What staff want to see in the inbox; null fields do not filter. */
public record InboxFilter(String channel, MessageStatus status, String text, Instant since) {
    public InboxFilter {
        channel = channel == null || channel.isBlank() ? null : channel.strip();
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public InboxFilter(String channel, MessageStatus status, String text) {
        this(channel, status, text, null);
    }

    public static InboxFilter all() {
        return new InboxFilter(null, null, null, null);
    }
}
