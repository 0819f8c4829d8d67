package org.civicloop.portal;

import jakarta.validation.Valid;
import java.io.IOException;
import java.util.Locale;
import org.civicloop.ingest.InboundMessage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public form where a resident reports a problem or says something to the city. */
@Controller
class ReportController {

    private final WebReports reports;

    ReportController(WebReports reports) {
        this.reports = reports;
    }

    @GetMapping("/")
    String home(Model model) {
        return "portal/home";
    }

    @GetMapping("/report")
    String form(Model model) {
        model.addAttribute("report", new ReportForm());
        return "portal/report";
    }

    @PostMapping("/report")
    String submit(
            @Valid @ModelAttribute("report") ReportForm form,
            BindingResult errors,
            @RequestParam(name = "photo", required = false) MultipartFile photo,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        InboundMessage.Media media = null;
        if (photo != null && !photo.isEmpty()) {
            if (photo.getSize() > Photos.MAX_BYTES) {
                errors.rejectValue("text", "report.error.photo.size");
            } else {
                byte[] bytes = photo.getBytes();
                var type = Photos.contentType(bytes);
                if (type.isEmpty()) {
                    errors.reject("report.error.photo.type");
                } else {
                    media = new InboundMessage.Media(type.get(), safeFileName(photo.getOriginalFilename()), bytes);
                }
            }
        }
        if ((form.getLatitude() == null) != (form.getLongitude() == null)) {
            errors.reject("report.error.location");
        }
        if (errors.hasErrors()) {
            if (media != null) {
                // a browser cannot refill a file field: say so rather than lose the photo silently
                errors.reject("report.error.photo.again");
            }
            return "portal/report";
        }
        var receipt = reports.submit(
                form.getSubmissionId(),
                form.getText(),
                form.getAddress(),
                form.getLatitude(),
                form.getLongitude(),
                form.getEmail(),
                form.getPhone(),
                locale,
                media);
        redirect.addFlashAttribute("submitted", true);
        redirect.addFlashAttribute(
                "notified", form.getEmail() != null && !form.getEmail().isBlank());
        return "redirect:/cases/" + receipt.publicReference();
    }

    static String safeFileName(String name) {
        if (name == null) return null;
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return base.length() > 100 ? base.substring(0, 100) : base;
    }
}
