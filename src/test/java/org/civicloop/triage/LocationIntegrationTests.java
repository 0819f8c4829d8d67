package org.civicloop.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Received messages are located against the demo city's gazetteer: an intersection named in the
 * text gets the intersection's point and its neighbourhood; coordinates sent with a message win;
 * an edit locates again; a retraction removes the location.
 */
@SpringBootTest(properties = "civicloop.triage.gazetteer.location=classpath:demo/gazetteer/")
class LocationIntegrationTests {

    @Autowired
    MessageManagement messages;

    @Autowired
    TriageManagement triage;

    static InboundMessage message(String id, String text, String address, GeoPoint point) {
        return new InboundMessage(
                ChannelKind.WEB,
                id,
                null,
                "Rosa",
                text,
                null,
                Instant.parse("2026-11-20T10:00:00Z"),
                null,
                null,
                address,
                point,
                null,
                List.of(),
                null);
    }

    @Test
    void anIntersectionInTheTextGetsItsPointAndNeighbourhood() throws Exception {
        String id = "location-" + UUID.randomUUID();
        MessageId messageId = messages.receive(message(id, "pothole at Elm and 3rd", null, null))
                .messageId();

        MessageLocation l = await(messageId, x -> true);
        assertThat(l.kind()).isEqualTo("intersection");
        assertThat(l.foundText()).isEqualTo("Elm and 3rd");
        // demo/gazetteer/intersections.csv: Elm St,3rd St,41.70466,-72.92520
        assertThat(l.point()).isEqualTo(new GeoPoint(41.70466, -72.92520));
        assertThat(l.neighbourhood()).isEqualTo("Elm Hill");
        assertThat(l.source()).isEqualTo("text");
        assertThat(l.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1);
        assertThat(l.version()).contains("location-rules-1", "classpath:demo/gazetteer/", "8 neighbourhoods");
        assertThat(triage.locationsIn("Elm Hill", 1000))
                .extracting(MessageLocation::messageId)
                .contains(messageId);
        assertThat(triage.neighbourhoods()).hasSize(8).contains("Elm Hill", "Riverside");

        // edited to name a landmark instead
        messages.edit(message(id, "sorry, I meant the pothole by Riverside Park", null, null));
        MessageLocation edited = await(messageId, x -> x.kind().equals("landmark"));
        assertThat(edited.foundText()).isEqualTo("Riverside Park");
        assertThat(edited.neighbourhood()).isEqualTo("Riverside");

        // edited to name no place: the location goes
        messages.edit(message(id, "never mind, it was fixed", null, null));
        awaitGone(messageId);
    }

    @Test
    void coordinatesSentWithTheMessageWin() throws Exception {
        String id = "location-" + UUID.randomUUID();
        // a form's pin in Oak Park, while the text names a corner in Elm Hill
        GeoPoint pin = new GeoPoint(41.71562, -72.87499);
        MessageId messageId = messages.receive(message(id, "pothole at Elm and 3rd", "Walnut St", pin))
                .messageId();

        MessageLocation l = await(messageId, x -> true);
        assertThat(l.kind()).isEqualTo("coordinates");
        assertThat(l.point()).isEqualTo(pin);
        assertThat(l.neighbourhood()).isEqualTo("Oak Park");
        assertThat(l.source()).isEqualTo("payload");
        assertThat(l.foundText()).isEqualTo("Walnut St");

        assertThat(messages.retract(ChannelKind.WEB, id, null)).isTrue();
        awaitGone(messageId);
        assertThat(triage.location(MessageId.random())).isEmpty();
    }

    MessageLocation await(MessageId id, Predicate<MessageLocation> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<MessageLocation> l = triage.location(id);
            if (l.isPresent() && done.test(l.get())) return l.get();
            Thread.sleep(100);
        }
        throw new AssertionError("message " + id + " was not located in time: " + triage.location(id));
    }

    void awaitGone(MessageId id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (triage.location(id).isPresent() && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(triage.location(id)).isEmpty();
    }
}
