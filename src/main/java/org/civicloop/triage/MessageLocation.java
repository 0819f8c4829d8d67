package org.civicloop.triage;

import java.time.Instant;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;

/**
 * Where a message is about, as triage found it.
 *
 * @param kind {@code coordinates}, {@code address}, {@code intersection}, {@code landmark} or {@code street}
 * @param foundText the words that named the place, as written; null for coordinates alone
 * @param point where; null when the gazetteer names the street but has no coordinates for it
 * @param neighbourhood the neighbourhood the point is in, if any
 * @param confidence how sure (0..1)
 * @param source {@code payload} (coordinates sent with the message), {@code address} (the address
 *     field sent with it) or {@code text}
 * @param version the rules and gazetteer that answered
 */
public record MessageLocation(
        MessageId messageId,
        String kind,
        String foundText,
        GeoPoint point,
        String neighbourhood,
        double confidence,
        String source,
        String version,
        Instant locatedAt) {}
