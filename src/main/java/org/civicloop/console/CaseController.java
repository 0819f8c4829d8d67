package org.civicloop.console;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.civicloop.cases.Case;
import org.civicloop.cases.CaseFilter;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.CaseStatus;
import org.civicloop.cases.IllegalCaseTransitionException;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.CaseId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Cases for staff: the list, one case with its reporters and history, and moving it on. */
@Controller
class CaseController {

    static final int NOTE_LIMIT = 2000;
    private final CaseManagement cases;
    private final MessageManagement messages;

    CaseController(CaseManagement cases, MessageManagement messages) {
        this.cases = cases;
        this.messages = messages;
    }

    @GetMapping("/console/cases")
    String list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String department,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        CaseStatus statusFilter = parseStatus(status);
        boolean openOnly = "open".equals(status);
        int safePage = Math.max(0, Math.min(page, 10_000));
        String q = text == null ? null : (text.length() > 200 ? text.substring(0, 200) : text);
        var rows = cases.list(new CaseFilter(statusFilter, openOnly, department, q), 51, safePage * 50);
        model.addAttribute("cases", rows.subList(0, Math.min(rows.size(), 50)));
        model.addAttribute("hasNext", rows.size() > 50);
        model.addAttribute("page", safePage);
        model.addAttribute("status", statusFilter == null ? (openOnly ? "open" : null) : statusFilter.code());
        model.addAttribute("department", department);
        model.addAttribute("q", q);
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("departments", cases.departments());
        model.addAttribute("counts", cases.countByStatus());
        model.addAttribute("now", java.time.Instant.now());
        return "console/cases";
    }

    @GetMapping("/console/cases/{id}")
    String show(@PathVariable UUID id, Model model) {
        Case c = require(id);
        var reporters = cases.reporters(c.id()).stream()
                .map(r -> messages.find(r.messageId()).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
        Map<String, String> services =
                cases.services().stream().collect(Collectors.toMap(s -> s.code(), s -> s.name()));
        Map<String, String> departments =
                cases.departments().stream().collect(Collectors.toMap(d -> d.code(), d -> d.name(), (a, b) -> a));
        model.addAttribute("case", c);
        model.addAttribute("serviceName", services.getOrDefault(c.serviceCode(), c.serviceCode()));
        model.addAttribute("departmentName", departments.getOrDefault(c.departmentCode(), c.departmentCode()));
        model.addAttribute("reporters", reporters);
        model.addAttribute("history", cases.history(c.id()));
        model.addAttribute("nextStatuses", c.status().next());
        model.addAttribute("priorities", CasePriority.values());
        model.addAttribute("now", java.time.Instant.now());
        return "console/case";
    }

    @PostMapping("/console/cases/{id}/status")
    String changeStatus(
            @PathVariable UUID id,
            @RequestParam(name = "status", defaultValue = "") String status,
            @RequestParam(name = "publicNote", defaultValue = "") String publicNote,
            @RequestParam(name = "internalNote", defaultValue = "") String internalNote,
            Principal principal,
            RedirectAttributes redirect) {
        Case c = require(id);
        CaseStatus target = parseStatus(status);
        if (target == null) {
            redirect.addFlashAttribute("error", "console.error.status");
        } else if (publicNote.length() > NOTE_LIMIT || internalNote.length() > NOTE_LIMIT) {
            redirect.addFlashAttribute("error", "console.error.note-size");
        } else {
            try {
                cases.changeStatus(c.id(), target, publicNote, internalNote, principal.getName());
                redirect.addFlashAttribute("flash", "console.flash.status-changed");
                redirect.addFlashAttribute("flashArgKey", "case.status." + target.code());
            } catch (IllegalCaseTransitionException e) {
                redirect.addFlashAttribute("error", "console.error.transition");
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                redirect.addFlashAttribute("error", "console.error.concurrent");
            }
        }
        return "redirect:/console/cases/" + id;
    }

    @PostMapping("/console/cases/{id}/assign")
    String assign(
            @PathVariable UUID id,
            @RequestParam(name = "assignee", defaultValue = "") String assignee,
            @RequestParam(name = "priority", defaultValue = "") String priority,
            Principal principal,
            RedirectAttributes redirect) {
        Case c = require(id);
        CasePriority p = null;
        try {
            if (!priority.isBlank()) p = CasePriority.fromCode(priority);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "console.error.priority");
            return "redirect:/console/cases/" + id;
        }
        if (assignee.length() > 100) {
            redirect.addFlashAttribute("error", "console.error.assignee");
            return "redirect:/console/cases/" + id;
        }
        cases.assign(c.id(), assignee, p, principal.getName());
        redirect.addFlashAttribute("flash", "console.flash.saved");
        return "redirect:/console/cases/" + id;
    }

    private Case require(UUID id) {
        return cases.find(new CaseId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static CaseStatus parseStatus(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return CaseStatus.fromCode(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
