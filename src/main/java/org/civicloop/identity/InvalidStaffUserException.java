package org.civicloop.identity;

/** A staff user could not be created as asked; the message says why, for the person asking. */
public class InvalidStaffUserException extends RuntimeException {
    private final String field;

    public InvalidStaffUserException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
