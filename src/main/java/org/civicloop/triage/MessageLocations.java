package org.civicloop.triage;

import java.util.Optional;
import org.civicloop.ingest.Message;
import org.civicloop.shared.GeoPoint;

/**
 * Where a message is about, when its payload carries no coordinates: for example the place named
 * in its text, geocoded against the city's gazetteer. Duplicate detection asks every bean of this
 * type, in their order, after the payload's own coordinates (which always win).
 */
public interface MessageLocations {

    Optional<GeoPoint> locate(Message message);
}
