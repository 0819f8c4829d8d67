package org.civicloop.portal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The public status page of a report or case: anyone with the reference may follow it. */
@Controller
class CaseStatusController {

    private final PublicStatus status;

    CaseStatusController(PublicStatus status) {
        this.status = status;
    }

    @GetMapping("/cases")
    String track(@RequestParam(name = "reference", required = false) String reference, Model model) {
        if (reference == null || reference.isBlank()) return "portal/track";
        String ref = reference.strip().toUpperCase(java.util.Locale.ROOT);
        if (!ref.matches("[A-Z0-9-]{3,40}")) {
            model.addAttribute("notFound", true);
            return "portal/track";
        }
        return "redirect:/cases/" + ref;
    }

    @GetMapping("/cases/{reference}")
    String show(@PathVariable String reference, Model model) {
        var view = reference.length() > 40 ? java.util.Optional.<PublicStatus.View>empty() : status.find(reference);
        if (view.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("status", view.get());
        return "portal/case";
    }
}
