package org.civicloop.cases;

/** A case was asked to move to a status it cannot reach from where it is. */
public class IllegalCaseTransitionException extends RuntimeException {
    private final CaseStatus from;
    private final CaseStatus to;

    public IllegalCaseTransitionException(CaseStatus from, CaseStatus to) {
        super("A case that is " + from.code() + " cannot become " + to.code());
        this.from = from;
        this.to = to;
    }

    public CaseStatus from() {
        return from;
    }

    public CaseStatus to() {
        return to;
    }
}
