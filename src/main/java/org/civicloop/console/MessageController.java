package org.civicloop.console;

import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.civicloop.cases.CaseFilter;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.OpenCase;
import org.civicloop.identity.AuditTrail;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.TriageManagement;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One message in detail; from here staff open a case or attach the message to one. */
@Controller
class MessageController {

    private final MessageManagement messages;
    private final CaseManagement cases;
    private final TriageView triage;
    private final TriageManagement triageManagement;
    private final AuditTrail audit;

    MessageController(
            MessageManagement messages,
            CaseManagement cases,
            TriageView triage,
            TriageManagement triageManagement,
            AuditTrail audit) {
        this.messages = messages;
        this.cases = cases;
        this.triage = triage;
        this.triageManagement = triageManagement;
        this.audit = audit;
    }

    @GetMapping("/console/messages/{id}")
    String show(@PathVariable UUID id, Model model, Authentication user) {
        Message message = require(id);
        if (!model.containsAttribute("openCase")) {
            OpenCaseForm form = new OpenCaseForm();
            form.setAddress(message.address());
            form.setTitle(suggestTitle(message.text()));
            model.addAttribute("openCase", form);
        }
        populate(model, message, user);
        return "console/message";
    }

    /** Staff correct the service the message is about; triage learns from it. */
    @PostMapping("/console/messages/{id}/category")
    String correctCategory(
            @PathVariable UUID id,
            @RequestParam(name = "serviceCode", defaultValue = "") String serviceCode,
            Principal principal,
            RedirectAttributes redirect) {
        Message message = require(id);
        var service = cases.service(serviceCode.strip());
        if (service.isEmpty()) {
            redirect.addFlashAttribute("error", "console.error.category");
            return "redirect:/console/messages/" + id;
        }
        triageManagement.correctCategory(message.id(), service.get().code(), principal.getName());
        redirect.addFlashAttribute("flash", "console.flash.category-corrected");
        redirect.addFlashAttribute("flashArg", service.get().name());
        return "redirect:/console/messages/" + id;
    }

    @PostMapping("/console/messages/{id}/case")
    String openCase(
            @PathVariable UUID id,
            @Valid @ModelAttribute("openCase") OpenCaseForm form,
            BindingResult errors,
            Model model,
            Principal principal,
            Authentication user,
            RedirectAttributes redirect) {
        Message message = require(id);
        var service = cases.service(form.getServiceCode());
        if (service.isEmpty() && !errors.hasFieldErrors("serviceCode")) {
            errors.rejectValue("serviceCode", "console.error.service");
        }
        if (message.caseReference() != null) {
            errors.reject("console.error.already-in-case");
        }
        String department = form.getDepartmentCode();
        if (department != null
                && !department.isBlank()
                && cases.departments().stream().noneMatch(d -> d.code().equals(department))) {
            errors.rejectValue("departmentCode", "console.error.department");
        }
        if (errors.hasErrors()) {
            populate(model, message, user);
            return "console/message";
        }
        var opened = cases.open(
                new OpenCase(
                        service.get().code(),
                        CasePriority.fromCode(form.getPriority()),
                        form.getTitle(),
                        message.text(),
                        form.getAddress() == null || form.getAddress().isBlank()
                                ? message.address()
                                : form.getAddress(),
                        message.location(),
                        List.of(new OpenCase.ReportingMessage(message.id(), message.channel())),
                        department),
                principal.getName());
        redirect.addFlashAttribute("flash", "console.flash.case-opened");
        redirect.addFlashAttribute("flashArg", opened.reference());
        return "redirect:/console/cases/" + opened.id();
    }

    @PostMapping("/console/messages/{id}/attach")
    String attach(
            @PathVariable UUID id,
            @RequestParam(name = "reference", defaultValue = "") String reference,
            Principal principal,
            RedirectAttributes redirect) {
        Message message = require(id);
        var target = cases.findByReference(reference);
        if (target.isEmpty()) {
            redirect.addFlashAttribute("error", "console.error.no-such-case");
            return "redirect:/console/messages/" + id;
        }
        if (message.caseReference() != null) {
            redirect.addFlashAttribute("error", "console.error.already-in-case");
            return "redirect:/console/messages/" + id;
        }
        cases.attach(target.get().id(), message.id(), message.channel(), principal.getName());
        redirect.addFlashAttribute("flash", "console.flash.attached");
        redirect.addFlashAttribute("flashArg", target.get().reference());
        return "redirect:/console/cases/" + target.get().id();
    }

    @GetMapping("/console/messages/{id}/media/{mediaId}")
    ResponseEntity<byte[]> media(@PathVariable UUID id, @PathVariable UUID mediaId) {
        require(id);
        boolean belongs = messages.media(new MessageId(id)).stream().anyMatch(m -> m.id().equals(mediaId));
        var content = belongs
                ? messages.mediaContent(mediaId)
                : java.util.Optional.<org.civicloop.ingest.MediaContent>empty();
        return content.map(c -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(c.contentType()))
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                        .header("X-Content-Type-Options", "nosniff")
                        .body(c.content()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void populate(Model model, Message message, Authentication user) {
        boolean privileged = TriageView.mayReadPersonalData(user);
        var row = triage.row(message, privileged);
        model.addAttribute("message", message);
        model.addAttribute("row", row);
        model.addAttribute("serviceNames", triage.serviceNames());
        model.addAttribute("corrections", triage.corrections(message.id()));
        model.addAttribute("alert", triageManagement.alert(message.id()).orElse(null));
        // staff allowed to read personal data see the original; each view of it is audited
        model.addAttribute("shownText", privileged ? message.text() : row.text());
        model.addAttribute("shownAuthor", row.author());
        model.addAttribute("original", privileged);
        if (privileged) {
            audit.record(
                    user.getName(),
                    "message.original-viewed",
                    "message",
                    message.id().toString(),
                    java.util.Map.of("reference", message.publicReference()));
        }
        model.addAttribute("media", messages.media(message.id()));
        model.addAttribute("services", cases.services());
        model.addAttribute("departments", cases.departments());
        model.addAttribute("priorities", CasePriority.values());
        model.addAttribute(
                "contact", privileged ? messages.contact(message.id()).orElse(null) : null);
        model.addAttribute("openCases", cases.list(new CaseFilter(null, true, null, null), 15, 0));
    }

    private Message require(UUID id) {
        return messages.find(new MessageId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static String suggestTitle(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        return firstLine.length() <= 80 ? firstLine : firstLine.substring(0, 77).strip() + "…";
    }
}
