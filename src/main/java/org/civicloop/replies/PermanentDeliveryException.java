package org.civicloop.replies;

/**
 * A delivery that will never succeed however often it is tried (the recipient refused, opted
 * out, or the remote end rejected the message as invalid): the outbox marks it failed at once
 * instead of retrying.
 */
public class PermanentDeliveryException extends Exception {
    public PermanentDeliveryException(String message) {
        super(message);
    }

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
