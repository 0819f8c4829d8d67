package org.civicloop.cases;

public class CaseNotFoundException extends RuntimeException {
    public CaseNotFoundException(String what) {
        super("No case " + what);
    }
}
