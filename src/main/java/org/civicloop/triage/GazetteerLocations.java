package org.civicloop.triage;

import java.util.Optional;
import org.civicloop.ingest.Message;
import org.civicloop.shared.GeoPoint;
import org.civicloop.triage.location.Locator;
import org.springframework.stereotype.Component;

/**
 * The place a message names, geocoded against the city's gazetteer, for duplicate detection: the
 * same answer the location stage stores, computed here because both stages run as soon as the
 * message arrives and neither waits for the other.
 */
@Component
class GazetteerLocations implements MessageLocations {

    private final Locator locator;

    GazetteerLocations(Locator locator) {
        this.locator = locator;
    }

    @Override
    public Optional<GeoPoint> locate(Message message) {
        return locator.locate(message.text(), message.location(), message.address())
                .map(l -> l.point());
    }
}
