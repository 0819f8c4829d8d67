package org.civicloop.identity;

import java.util.Locale;

/** What a member of staff may do. */
public enum StaffRole {
    /** Configures CivicLoop and manages users. */
    ADMIN,
    /** Works the inbox: opens cases, attaches messages, answers residents. */
    AGENT,
    /** Department staff: works the cases assigned to their department. */
    DEPARTMENT_STAFF,
    /** Approves what is sent from the city's official accounts. */
    APPROVER,
    /** Reads, changes nothing. */
    VIEWER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static StaffRole fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
