package org.civicloop.triage.duplicates;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;

/**
 * A message as duplicate detection compares it: when it was posted and arrived, who sent it (keys
 * derived from the channel handle, e-mail and phone: hashes, never the values), where it is about,
 * its text signature, its sentence vector and its most likely services, best first (empty when
 * the city has no catalogue).
 */
public record Report(
        MessageId id,
        Instant postedAt,
        Instant receivedAt,
        Set<String> authors,
        GeoPoint location,
        TextSignature text,
        float[] vector,
        List<String> services) {

    public Report {
        authors = Set.copyOf(authors);
        services = List.copyOf(services);
    }

    boolean sameAuthorAs(Report other) {
        for (String a : authors) if (other.authors.contains(a)) return true;
        return false;
    }
}
