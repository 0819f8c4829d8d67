package org.civicloop.triage;

/** What triage did about a duplicate. */
public enum DuplicateAction {
    /** Nothing: no duplicate, or a resident's own repeat (they already report it). */
    NONE,
    /** Attached to the open case as a new reporter (evidence strong enough to act alone). */
    LINKED,
    /** Shown to staff as a probable reporter of the case or duplicate of the message; staff decide. */
    SUGGESTED,
    /** Put in a group with recent messages of the same theme that no case covers yet. */
    GROUPED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
