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
    private final KindResults kinds;

    TriageManagement(TriageResults results, KindResults kinds) {
        this.results = results;
        this.kinds = kinds;
    }

    public Optional<MessageTriage> find(MessageId id) {
        return results.find(id);
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
