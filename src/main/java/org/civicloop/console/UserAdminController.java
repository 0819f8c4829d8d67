package org.civicloop.console;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import org.civicloop.cases.CaseManagement;
import org.civicloop.identity.InvalidStaffUserException;
import org.civicloop.identity.NewStaffUser;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators manage staff accounts. */
@Controller
class UserAdminController {

    private final StaffManagement staff;
    private final CaseManagement cases;

    UserAdminController(StaffManagement staff, CaseManagement cases) {
        this.staff = staff;
        this.cases = cases;
    }

    @GetMapping("/console/admin/users")
    String users(Model model) {
        model.addAttribute("users", staff.list());
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("departments", cases.departments());
        return "console/users";
    }

    @PostMapping("/console/admin/users")
    String create(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "roles", required = false) List<String> roles,
            @RequestParam(defaultValue = "") String department,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        EnumSet<StaffRole> set = EnumSet.noneOf(StaffRole.class);
        try {
            if (roles != null) roles.forEach(r -> set.add(StaffRole.fromCode(r)));
            staff.create(
                    new NewStaffUser(username.strip(), displayName, password, set, department), principal.getName());
        } catch (InvalidStaffUserException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute(
                    "form",
                    java.util.Map.of("username", username, "displayName", displayName, "department", department));
            return users(model);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", "Unknown role");
            return users(model);
        }
        redirect.addFlashAttribute("flash", "console.flash.user-created");
        redirect.addFlashAttribute("flashArg", username.strip());
        return "redirect:/console/admin/users";
    }

    @PostMapping("/console/admin/users/{username}/enabled")
    String enable(
            @PathVariable String username,
            @RequestParam(defaultValue = "false") boolean enabled,
            Principal principal,
            RedirectAttributes redirect) {
        if (username.equalsIgnoreCase(principal.getName()) && !enabled) {
            redirect.addFlashAttribute("error", "console.error.disable-self");
        } else {
            staff.setEnabled(username, enabled, principal.getName());
            redirect.addFlashAttribute("flash", "console.flash.saved");
        }
        return "redirect:/console/admin/users";
    }
}
