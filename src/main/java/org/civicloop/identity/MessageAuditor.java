package org.civicloop.identity;

import java.util.Map;
import org.civicloop.ingest.MessageRetracted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A retraction leaves a trace in the audit trail, though the message leaves every view. */
@Component
class MessageAuditor {

    private final AuditTrail audit;

    MessageAuditor(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(MessageRetracted event) {
        audit.record(
                "channel:" + event.channel(),
                "message.retracted",
                "message",
                event.messageId().toString(),
                Map.of("reason", event.reason() == null ? "deleted by the author" : event.reason()),
                event.retractedAt());
    }
}
