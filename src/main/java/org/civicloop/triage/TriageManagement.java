package org.civicloop.triage;

import java.util.Optional;
import org.civicloop.shared.MessageId;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask of triage: the stored result for a message. Messages are triaged
 * shortly after they are received or edited, so a message seconds old may not have a result yet.
 */
@Service
public class TriageManagement {

    private final TriageResults results;

    TriageManagement(TriageResults results) {
        this.results = results;
    }

    public Optional<MessageTriage> find(MessageId id) {
        return results.find(id);
    }
}
