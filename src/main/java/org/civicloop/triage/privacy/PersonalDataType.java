package org.civicloop.triage.privacy;

/** The kinds of personal data found in resident text, each with its placeholder in redacted text. */
public enum PersonalDataType {
    EMAIL("[email]"),
    PHONE("[phone]"),
    CARD("[card]"),
    SSN("[ssn]"),
    ITIN("[itin]"),
    IBAN("[iban]"),
    DATE_OF_BIRTH("[dob]");

    private final String placeholder;

    PersonalDataType(String placeholder) {
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }
}
