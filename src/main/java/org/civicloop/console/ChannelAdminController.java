package org.civicloop.console;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.civicloop.channels.ChannelAdministration;
import org.civicloop.channels.ConnectorHealth;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators see every channel's health, pause, resume and test it, and edit the channels'
 * settings ({@code channels.yml}; secrets encrypted, never shown). With htmx a button swaps its
 * row and the table refreshes itself every 10 seconds; without, every form still works.
 */
@Controller
class ChannelAdminController {

    static final String PAGE = "/console/admin/channels";

    private final ChannelAdministration channels;

    ChannelAdminController(ChannelAdministration channels) {
        this.channels = channels;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        model.addAttribute("connectors", channels.connectors());
        model.addAttribute("forms", channels.settingsForms());
        model.addAttribute("canStoreSecrets", channels.canStoreSecrets());
        model.addAttribute("settingsFile", channels.settingsFile());
        model.addAttribute("now", java.time.Instant.now());
        return "console/channels";
    }

    /** The table's rows, for the periodic refresh. */
    @GetMapping(PAGE + "/rows")
    String rows(Model model) {
        model.addAttribute("connectors", channels.connectors());
        return "console/partials/channel-rows :: rows";
    }

    @PostMapping(PAGE + "/pause")
    String pause(
            @RequestParam String id,
            Principal principal,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        var status = channels.pause(id, principal.getName());
        return answer(status, null, htmx, model, redirect);
    }

    @PostMapping(PAGE + "/resume")
    String resume(
            @RequestParam String id,
            Principal principal,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        var status = channels.resume(id, principal.getName());
        return answer(status, null, htmx, model, redirect);
    }

    @PostMapping(PAGE + "/test")
    String test(
            @RequestParam String id,
            Principal principal,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        var result = channels.test(id, principal.getName());
        return answer(channels.connector(id), result, htmx, model, redirect);
    }

    private String answer(
            ChannelAdministration.ConnectorStatus status,
            ConnectorHealth.TestResult test,
            String htmx,
            Model model,
            RedirectAttributes redirect) {
        if (htmx != null) {
            model.addAttribute("c", status);
            model.addAttribute("test", test);
            model.addAttribute("testedId", status.id());
            return "console/partials/channel-rows :: row";
        }
        redirect.addFlashAttribute("testedId", status.id());
        redirect.addFlashAttribute("test", test);
        return "redirect:" + PAGE;
    }

    /**
     * Saves one kind's settings. Field {@code f.<name>} carries a property's value (a checkbox
     * when boolean); {@code clear.<name>} removes a secret.
     */
    @PostMapping(PAGE + "/settings/{kind}")
    String save(
            @PathVariable String kind,
            @RequestParam MultiValueMap<String, String> form,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> values = new HashMap<>();
        Set<String> clear = new HashSet<>();
        form.forEach((name, list) -> {
            String value = list.isEmpty() ? "" : list.get(list.size() - 1);
            if (name.startsWith("f.")) values.put(name.substring(2), value);
            else if (name.startsWith("clear.") && "true".equals(value)) clear.add(name.substring(6));
        });
        var result = channels.saveSettings(kind, values, clear, principal.getName());
        if (!result.saved()) {
            model.addAttribute("settingsError", result.error());
            model.addAttribute("settingsErrorKind", kind);
            return page(model);
        }
        redirect.addFlashAttribute("savedKind", kind);
        redirect.addFlashAttribute("savedChanged", List.copyOf(result.changed()));
        return "redirect:" + PAGE + "#settings-" + kind;
    }

    @ExceptionHandler(NoSuchElementException.class)
    org.springframework.web.servlet.ModelAndView unknown() {
        return new org.springframework.web.servlet.ModelAndView("error", Map.of("status", 404), HttpStatus.NOT_FOUND);
    }
}
