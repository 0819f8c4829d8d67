package org.civicloop.channels.bluesky;

import org.civicloop.ingest.InboundMessage;
import tools.jackson.databind.JsonNode;

/** What one Jetstream event means to the city. {@code timeUs} is its cursor position, or -1. */
sealed interface JetstreamEvent {

    long timeUs();

    /** A new {@code app.bsky.feed.post}; {@code record} for the filter. */
    record Post(InboundMessage message, JsonNode record, long timeUs) implements JetstreamEvent {}

    /** A post was deleted by its author. */
    record Deletion(String externalId, long timeUs) implements JetstreamEvent {}

    /** A valid event the city has no use for (likes, follows, identity, account…). */
    record Ignored(String what, long timeUs) implements JetstreamEvent {}

    /** An event that breaks the protocol or the lexicon: logged and skipped. */
    record Invalid(String reason, long timeUs) implements JetstreamEvent {}
}
