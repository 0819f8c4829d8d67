package org.civicloop.channels.csvimport;

/** The file or the mapping cannot be imported at all (not one row's problem): nothing is stored. */
public class InvalidImportException extends RuntimeException {
    public InvalidImportException(String message) {
        super(message);
    }

    public InvalidImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
