package org.civicloop.triage;

import java.time.Clock;
import java.util.ArrayList;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.ReporterAttached;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.kind.KindClassifier;
import org.civicloop.triage.urgency.UrgencyScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells what kind of message each received or edited message is, whether it is abusive, and how
 * urgent (with the service and the number of reporters of its case when it is on one), stored in
 * {@code message_kind}; when a message is attached to a case, the case's messages are scored
 * again; a retracted message's result is deleted. Runs after the message
 * is committed, off the receiving thread. Logs carry the kind and the score, never the text.
 */
@Component
@org.springframework.core.annotation.Order(2)
class KindTriager implements org.civicloop.triage.TriageStage {

    private static final Logger log = LoggerFactory.getLogger(KindTriager.class);

    private final MessageManagement messages;
    private final CaseManagement cases;
    private final KindClassifier kinds;
    private final UrgencyScorer urgency;
    private final KindResults results;
    private final Clock clock;

    KindTriager(
            MessageManagement messages,
            CaseManagement cases,
            KindClassifier kinds,
            UrgencyScorer urgency,
            KindResults results,
            Clock clock) {
        this.messages = messages;
        this.cases = cases;
        this.kinds = kinds;
        this.urgency = urgency;
        this.results = results;
        this.clock = clock;
    }

    /**
     * A message now reports a case: it and the case's other reports are scored again, with the
     * case's service and its number of reporters.
     */
    @TriageListener
    void on(ReporterAttached event) {
        for (var reporter : cases.reporters(event.caseId())) judge(reporter.messageId());
    }

    void judge(MessageId id) {
        Message message = messages.find(id).orElse(null);
        if (message == null) return;
        if (message.retracted()) {
            results.delete(id);
            return;
        }
        String text = message.text() == null ? "" : message.text();
        var kind = kinds.classify(text);
        String service = null;
        int reporters = 1;
        var caseId = cases.caseReportedBy(id);
        if (caseId.isPresent()) {
            var found = cases.find(caseId.get());
            if (found.isPresent()) service = found.get().serviceCode();
            reporters = Math.max(1, cases.reporters(caseId.get()).size());
        }
        var scored = urgency.score(new UrgencyScorer.Input(kind.kind(), service, text, reporters));
        var reasons = new ArrayList<MessageKind.Reason>();
        for (String why : kind.reasons()) reasons.add(new MessageKind.Reason("classified", 0, why));
        for (var r : scored.reasons()) reasons.add(new MessageKind.Reason(r.code(), r.points(), r.detail()));
        var result = new MessageKind(
                id,
                kind.kind().code(),
                kind.confidence(),
                kind.abusive(),
                scored.score(),
                scored.priority(),
                reasons,
                kinds.version() + "; " + UrgencyScorer.VERSION,
                clock.instant());
        boolean stored = results.store(result, text);
        if (log.isDebugEnabled())
            log.debug(
                    "message {}: kind {}, abusive {}, urgency {}{}",
                    id,
                    result.kind(),
                    result.abusive(),
                    result.urgency(),
                    stored ? "" : " (text changed meanwhile, not stored)");
    }

    @Override
    public void received(org.civicloop.shared.MessageId id) {
        judge(id);
    }

    @Override
    public void retracted(org.civicloop.shared.MessageId id) {
        results.delete(id);
    }
}
