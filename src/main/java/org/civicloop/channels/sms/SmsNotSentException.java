package org.civicloop.channels.sms;

/**
 * A text was not sent. {@link #permanent()} says whether trying again could ever help: a number
 * that opted out, a number the provider rejects, or a message whose earlier attempt may already have
 * reached the provider (sending again could text the resident twice) will not succeed on retry.
 *
 * <p>The outbox today retries every exception up to its attempt limit; the SMS sender answers such
 * retries from its own delivery table without calling the provider again. A shared
 * "permanent delivery failure" type in {@code replies} would let the outbox stop at once.
 */
public class SmsNotSentException extends Exception implements org.civicloop.replies.ReplySender.Failure {

    private final boolean permanent;

    SmsNotSentException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    SmsNotSentException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    @Override
    public boolean permanent() {
        return permanent;
    }
}
