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

    TriageManagement(TriageResults results, DuplicateResults duplicates) {
        this.results = results;
        this.duplicates = duplicates;
    }

    public Optional<MessageTriage> find(MessageId id) {
        return results.find(id);
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
}
