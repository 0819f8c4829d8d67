package org.civicloop.cases;

import java.util.Locale;

public enum CasePriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CasePriority fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
