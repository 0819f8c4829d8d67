package org.civicloop.triage;

import java.time.Clock;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.location.Location;
import org.civicloop.triage.location.Locator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Locates every message when it is received and again when it is edited: coordinates sent with it
 * win, else the address sent with it, else the places its text names, geocoded against the city's
 * gazetteer, with the neighbourhood; stored in {@code message_location}. A message that names no
 * place has no row; a retracted message's row is deleted. Logs carry kinds, never the text.
 */
@Component
@org.springframework.core.annotation.Order(3)
class MessageLocator implements org.civicloop.triage.TriageStage {

    private static final Logger log = LoggerFactory.getLogger(MessageLocator.class);

    private final MessageManagement messages;
    private final Locator locator;
    private final LocationResults locations;
    private final Clock clock;

    MessageLocator(MessageManagement messages, Locator locator, LocationResults locations, Clock clock) {
        this.messages = messages;
        this.locator = locator;
        this.locations = locations;
        this.clock = clock;
    }

    void locate(MessageId id) {
        Message message = messages.find(id).orElse(null);
        if (message == null) return;
        if (message.retracted()) {
            locations.delete(id);
            return;
        }
        Location found = locator.locate(message.text(), message.location(), message.address())
                .orElse(null);
        if (found == null) {
            // an edit may have taken the place out of the text
            locations.delete(id);
            return;
        }
        boolean stored = locations.store(
                new MessageLocation(
                        id,
                        found.kind().code(),
                        found.text(),
                        found.point(),
                        found.neighbourhood(),
                        found.confidence(),
                        found.source(),
                        locator.version(),
                        clock.instant()),
                message.text());
        if (log.isDebugEnabled())
            log.debug(
                    "message {} located: {} from {}{}{}",
                    id,
                    found.kind().code(),
                    found.source(),
                    found.neighbourhood() == null ? "" : " in a neighbourhood",
                    stored ? "" : " (text changed meanwhile, not stored)");
    }

    @Override
    public void received(org.civicloop.shared.MessageId id) {
        locate(id);
    }

    @Override
    public void retracted(org.civicloop.shared.MessageId id) {
        locations.delete(id);
    }
}
