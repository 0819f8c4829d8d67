package org.civicloop.identity;

import java.util.HashMap;
import org.civicloop.cases.CaseOpened;
import org.civicloop.cases.CaseStatusChanged;
import org.civicloop.cases.ReporterAttached;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes every change to a case into the audit trail, in the transaction that made it. */
@Component
class CaseAuditor {

    private final AuditTrail audit;

    CaseAuditor(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void on(CaseOpened event) {
        var details = new HashMap<String, Object>();
        details.put("service", event.serviceCode());
        details.put("department", event.departmentCode());
        audit.record(event.actor(), "case.opened", "case", event.reference(), details, event.at());
    }

    @EventListener
    void on(CaseStatusChanged event) {
        var details = new HashMap<String, Object>();
        details.put("from", event.from().code());
        details.put("to", event.to().code());
        details.put("public_note", event.publicNote() != null);
        audit.record(event.actor(), "case.status_changed", "case", event.reference(), details, event.at());
    }

    @EventListener
    void on(org.civicloop.cases.CaseAssigned event) {
        var details = new HashMap<String, Object>();
        details.put("assignee", event.assignee() == null ? "" : event.assignee());
        details.put("priority", event.priority().code());
        audit.record(event.actor(), "case.assigned", "case", event.reference(), details, event.at());
    }

    @EventListener
    void on(ReporterAttached event) {
        audit.record(
                event.actor(),
                "case.reporter_attached",
                "case",
                event.reference(),
                java.util.Map.of("message", event.messageId().toString()),
                event.at());
    }
}
