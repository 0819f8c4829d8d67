package org.civicloop.console;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.identity.AuditTrail;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.EmergencyAlert;
import org.civicloop.triage.TriageManagement;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Emergency alerts for on-duty staff: the list, taking charge of one (audited), the live banner. */
@Controller
class AlertController {

    /** An alert with the message it came from. */
    record AlertRow(EmergencyAlert alert, Message message) {}

    private final TriageManagement triage;
    private final MessageManagement messages;
    private final AlertBroadcaster broadcaster;
    private final AuditTrail audit;

    AlertController(
            TriageManagement triage, MessageManagement messages, AlertBroadcaster broadcaster, AuditTrail audit) {
        this.triage = triage;
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.audit = audit;
    }

    @GetMapping("/console/alerts")
    String list(Model model) {
        model.addAttribute("alerts", rows(triage.alerts(false, 200)));
        return "console/alerts";
    }

    /** The banner at the top of every console page, reloaded live. */
    @GetMapping("/console/alerts/banner")
    String banner(Model model) {
        model.addAttribute("openAlerts", triage.openAlerts());
        return "fragments/layout :: alert-banner-content";
    }

    @GetMapping(path = "/console/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return broadcaster.connect();
    }

    @PostMapping("/console/alerts/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        MessageId messageId = new MessageId(id);
        var alert = triage.alert(messageId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (triage.acknowledgeAlert(messageId, principal.getName())) {
            audit.record(
                    principal.getName(),
                    "emergency.acknowledged",
                    "message",
                    messageId.toString(),
                    Map.of("hazard", alert.hazard()));
            broadcaster.acknowledged();
        }
        redirect.addFlashAttribute("flash", "alerts.flash.acknowledged");
        return "redirect:/console/alerts";
    }

    private List<AlertRow> rows(List<EmergencyAlert> alerts) {
        return alerts.stream()
                .map(a -> messages.find(a.messageId()).map(m -> new AlertRow(a, m)))
                .flatMap(Optional::stream)
                .toList();
    }
}
