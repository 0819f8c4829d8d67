package org.civicloop.triage;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.duplicates.DuplicateResults;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask of triage: the stored result for a message. Messages are triaged
 * shortly after they are received or edited, so a message seconds old may not have a result yet.
 */
@Service
public class TriageManagement {

    private final TriageResults results;
    private final DuplicateResults duplicates;
    private final KindResults kinds;
    private final LocationResults locations;
    private final org.civicloop.triage.location.Locator locator;

    TriageManagement(
            TriageResults results,
            DuplicateResults duplicates,
            KindResults kinds,
            LocationResults locations,
            org.civicloop.triage.location.Locator locator) {
        this.results = results;
        this.duplicates = duplicates;
        this.kinds = kinds;
        this.locations = locations;
        this.locator = locator;
    }

    public Optional<MessageTriage> find(MessageId id) {
        return results.find(id);
    }

    /** Where a message is about, if it names a place (or was sent with coordinates). */
    public Optional<MessageLocation> location(MessageId id) {
        return locations.find(id);
    }

    /** The most recently located messages in a neighbourhood, newest first. */
    public java.util.List<MessageLocation> locationsIn(String neighbourhood, int limit) {
        return locations.inNeighbourhood(neighbourhood, Math.max(1, Math.min(limit, 1000)));
    }

    /** The names of the city's neighbourhoods, as its gazetteer has them. */
    public java.util.List<String> neighbourhoods() {
        return locator.gazetteer().neighbourhoods().stream()
                .map(org.civicloop.triage.location.Gazetteer.Neighbourhood::name)
                .toList();
    }

    /** Whether a message repeats, reports or resembles something already known, once it was checked. */
    public Optional<MessageDuplicate> duplicate(MessageId id) {
        return duplicates.find(id);
    }

    /** The messages grouped under one theme, in the order they were posted. */
    public List<MessageDuplicate> duplicateGroup(UUID groupId) {
        return groupId == null ? List.of() : duplicates.group(groupId);
    }

    /** Messages that look like reports of a case but were left for staff to decide, most alike first. */
    public List<MessageDuplicate> suggestedReporters(CaseId caseId) {
        return duplicates.suggestedFor(caseId);
    }

    /** What kind of message it is, whether it is abusive and how urgent; empty until judged. */
    public Optional<MessageKind> kind(MessageId id) {
        return kinds.find(id);
    }

    /**
     * Whether a message was judged abusive: hide it from public views, never answer it
     * automatically, flag it for staff. False for a message not judged yet.
     */
    public boolean isAbusive(MessageId id) {
        return kinds.find(id).map(MessageKind::abusive).orElse(false);
    }

    /** Those of the given messages judged abusive (for a list page to hide or flag them in one query). */
    public java.util.Set<MessageId> abusive(java.util.Collection<MessageId> ids) {
        return java.util.Set.copyOf(kinds.abusive(java.util.List.copyOf(ids)));
    }
}
