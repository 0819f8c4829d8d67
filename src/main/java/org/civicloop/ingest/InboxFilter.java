package org.civicloop.ingest;

/** What staff want to see in the inbox; null fields do not filter. */
public record InboxFilter(String channel, MessageStatus status, String text) {
    public InboxFilter {
        channel = channel == null || channel.isBlank() ? null : channel.strip();
        text = text == null || text.isBlank() ? null : text.strip();
    }

    public static InboxFilter all() {
        return new InboxFilter(null, null, null);
    }
}
