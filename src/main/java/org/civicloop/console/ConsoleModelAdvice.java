package org.civicloop.console;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is signed in and what they may do, for the console's templates to show the right controls. */
@ControllerAdvice(
        assignableTypes = {
            InboxController.class,
            MessageController.class,
            CaseController.class,
            UserAdminController.class,
            MailImportController.class,
            ImportController.class,
            ChannelAdminController.class,
            AlertController.class
        })
class ConsoleModelAdvice {

    private final org.civicloop.triage.TriageManagement triage;

    ConsoleModelAdvice(org.civicloop.triage.TriageManagement triage) {
        this.triage = triage;
    }

    /** Emergency alerts nobody has taken charge of: shown at the top of every console page. */
    @ModelAttribute("openAlerts")
    Long openAlerts(Authentication authentication) {
        return authentication == null ? null : triage.openAlerts();
    }

    @ModelAttribute("staff")
    StaffView staff(Authentication authentication) {
        if (authentication == null) return new StaffView("", Set.of());
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(a -> a.replaceFirst("^ROLE_", ""))
                .collect(Collectors.toSet());
        return new StaffView(authentication.getName(), roles);
    }

    record StaffView(String username, Set<String> roles) {
        public boolean isAdmin() {
            return roles.contains("ADMIN");
        }

        public boolean canOpenCases() {
            return roles.contains("ADMIN") || roles.contains("AGENT");
        }

        public boolean canChangeCases() {
            return canOpenCases() || roles.contains("DEPARTMENT_STAFF");
        }
    }
}
