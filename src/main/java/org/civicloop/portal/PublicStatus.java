package org.civicloop.portal;

import java.time.Instant;
import java.util.List;
import org.civicloop.cases.Case;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CaseStatus;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.springframework.stereotype.Component;

/**
 * What the public may know of a report: its status and the notes written for the public. Never
 * the resident's words, name or contact details, never staff's internal notes.
 */
@Component
class PublicStatus {

    private final CaseManagement cases;
    private final MessageManagement messages;

    PublicStatus(CaseManagement cases, MessageManagement messages) {
        this.cases = cases;
        this.messages = messages;
    }

    /** A case by its reference, or a resident's message reference leading to its case. */
    java.util.Optional<View> find(String reference) {
        var found = cases.findByReference(reference);
        if (found.isPresent()) return found.map(this::view);
        return messages.findByReference(reference)
                .map(m -> m.caseReference() == null
                        ? received(m)
                        : cases.findByReference(m.caseReference())
                                .map(this::view)
                                .orElse(received(m)));
    }

    private View received(Message m) {
        return new View(
                m.publicReference(),
                null,
                null,
                null,
                "received",
                true,
                m.receivedAt(),
                m.receivedAt(),
                null,
                List.of());
    }

    private View view(Case c) {
        var service = cases.service(c.serviceCode()).map(s -> s.name()).orElse(c.serviceCode());
        var department = cases.departments().stream()
                .filter(d -> d.code().equals(c.departmentCode()))
                .map(d -> d.name())
                .findFirst()
                .orElse(c.departmentCode());
        var history = cases.history(c.id()).stream()
                .map(h -> new Step(h.at(), h.to().code(), h.publicNote()))
                .toList();
        return new View(
                c.reference(),
                service,
                department,
                c.address(),
                c.status().code(),
                c.status().isOpen(),
                c.openedAt(),
                c.updatedAt(),
                c.status().isOpen() ? c.resolveDue() : null,
                history);
    }

    record View(
            String reference,
            String service,
            String department,
            String address,
            String status,
            boolean open,
            Instant openedAt,
            Instant updatedAt,
            Instant expectedBy,
            List<Step> history) {

        String open311Status() {
            return open ? "open" : "closed";
        }
    }

    record Step(Instant at, String status, String publicNote) {}

    static boolean isKnownStatus(String code) {
        for (CaseStatus s : CaseStatus.values()) if (s.code().equals(code)) return true;
        return "received".equals(code);
    }
}
