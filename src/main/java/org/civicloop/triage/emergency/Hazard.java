package org.civicloop.triage.emergency;

/** What kind of danger a message describes: each needs 911, not a service request. */
public enum Hazard {
    GAS,
    FIRE,
    FLOODING,
    POWER_LINE,
    INJURY,
    VIOLENCE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
