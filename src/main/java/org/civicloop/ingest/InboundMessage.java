package org.civicloop.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;

/**
 * One envelope a connector hands to the durable ingest path: what a resident sent, where it came
 * from and how to answer. {@code externalId} is the channel's own id for it: storing the same
 * (channel, externalId) twice keeps one message. {@code threadRefs} are the external ids, on the
 * same channel, of earlier messages this one answers (an e-mail's In-Reply-To and References, a
 * post's parent): the message joins their conversation.
 */
public record InboundMessage(
        ChannelKind channel,
        String externalId,
        String authorHandle,
        String authorName,
        String text,
        String language,
        Instant postedAt,
        String replyTo,
        String url,
        String address,
        GeoPoint location,
        Contact contact,
        List<Media> media,
        String rawPayload,
        List<String> threadRefs) {

    /** A message that answers nothing earlier on its channel (or whose channel cannot tell). */
    public InboundMessage(
            ChannelKind channel,
            String externalId,
            String authorHandle,
            String authorName,
            String text,
            String language,
            Instant postedAt,
            String replyTo,
            String url,
            String address,
            GeoPoint location,
            Contact contact,
            List<Media> media,
            String rawPayload) {
        this(
                channel,
                externalId,
                authorHandle,
                authorName,
                text,
                language,
                postedAt,
                replyTo,
                url,
                address,
                location,
                contact,
                media,
                rawPayload,
                List.of());
    }

    /**
     * The same message, answering the given earlier messages of its channel (their external ids,
     * nearest first or in any order): it joins their conversation.
     */
    public InboundMessage inThreadOf(List<String> refs) {
        return new InboundMessage(
                channel,
                externalId,
                authorHandle,
                authorName,
                text,
                language,
                postedAt,
                replyTo,
                url,
                address,
                location,
                contact,
                media,
                rawPayload,
                refs);
    }

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        if (externalId == null || externalId.isBlank()) throw new IllegalArgumentException("externalId is required");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("text is required");
        Objects.requireNonNull(postedAt, "postedAt");
        media = media == null ? List.of() : List.copyOf(media);
        threadRefs = threadRefs == null
                ? List.of()
                : threadRefs.stream()
                        .filter(r -> r != null && !r.isBlank() && !r.equals(externalId))
                        .distinct()
                        .toList();
    }

    /** How the resident asked to be kept informed; personal data. */
    public record Contact(String email, String phone) {
        public boolean isEmpty() {
            return (email == null || email.isBlank()) && (phone == null || phone.isBlank());
        }
    }

    /** A photo or file sent with the message. */
    public record Media(String contentType, String fileName, byte[] content) {
        public Media {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }
}
