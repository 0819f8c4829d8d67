package org.civicloop.channels.email;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The e-mail channel ({@code civicloop.channels.email.*}): how incoming mail is read (IMAP polling,
 * {@code .eml}/{@code .mbox} import) and how replies are sent (SMTP). Both connections are off by
 * default; the import works without either.
 *
 * @param ownAddresses the city's own addresses: mail from them (the city's replies in an exported
 *     mailbox, a copy of what it sent) is not a resident message
 * @param maxAttachmentSize attachments (images, PDF) larger than this are not kept as media
 * @param maxAttachments at most this many attachments are kept per message
 * @param maxRawSize at most this much of the original message text is kept in the raw payload
 * @param imap the mailbox CivicLoop polls
 * @param smtp the server replies are sent through
 */
@ConfigurationProperties("civicloop.channels.email")
record EmailSettings(
        List<String> ownAddresses,
        DataSize maxAttachmentSize,
        Integer maxAttachments,
        DataSize maxRawSize,
        Imap imap,
        Smtp smtp) {

    /** How a mail connection is protected: TLS from the start, STARTTLS upgrade, or none (tests, loopback). */
    enum Security {
        SSL,
        STARTTLS,
        NONE
    }

    /** What to do with a message in the mailbox once it is stored. */
    enum AfterStore {
        /** Leave it as it is (the UID cursor keeps it from being read twice). */
        KEEP,
        /** Mark it as read. */
        SEEN,
        /** Move it to {@code moveTo}. */
        MOVE
    }

    EmailSettings {
        maxAttachmentSize = maxAttachmentSize == null ? DataSize.ofMegabytes(10) : maxAttachmentSize;
        maxAttachments = maxAttachments == null ? 10 : maxAttachments;
        maxRawSize = maxRawSize == null ? DataSize.ofKilobytes(256) : maxRawSize;
        ownAddresses = ownAddresses == null ? List.of() : ownAddresses;
        imap = imap == null
                ? new Imap(false, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : imap;
        smtp = smtp == null ? new Smtp(false, null, null, null, null, null, null, null, null) : smtp;
    }

    /** The city's own addresses, lower-case: the configured ones plus the SMTP sender's. */
    Set<String> own() {
        return Stream.concat(ownAddresses.stream(), Stream.ofNullable(smtp.from()))
                .filter(a -> a != null && !a.isBlank())
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param enabled poll the mailbox
     * @param host the IMAP server
     * @param port its port (default 993 with SSL, 143 otherwise)
     * @param security SSL (default), STARTTLS or NONE
     * @param username the mailbox's user
     * @param password its password (or app password)
     * @param folder the folder read (default INBOX)
     * @param pollInterval how often the folder is read (default 1 minute)
     * @param batchSize messages stored per transaction (default 50)
     * @param afterStore KEEP (default), SEEN or MOVE
     * @param moveTo the folder stored messages are moved to when {@code afterStore=MOVE}
     * @param timeout connection and read timeout (default 30 seconds)
     * @param backoffMin first wait after a failed poll, doubled up to {@code backoffMax}
     * @param backoffMax longest wait after failed polls (default 10 minutes)
     */
    record Imap(
            boolean enabled,
            String host,
            Integer port,
            Security security,
            String username,
            String password,
            String folder,
            Duration pollInterval,
            Integer batchSize,
            AfterStore afterStore,
            String moveTo,
            Duration timeout,
            Duration backoffMin,
            Duration backoffMax) {

        Imap {
            security = security == null ? Security.SSL : security;
            port = port == null ? (security == Security.SSL ? 993 : 143) : port;
            folder = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
            pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
            batchSize = batchSize == null || batchSize < 1 ? 50 : batchSize;
            afterStore = afterStore == null ? AfterStore.KEEP : afterStore;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            backoffMin = backoffMin == null ? Duration.ofSeconds(5) : backoffMin;
            backoffMax = backoffMax == null ? Duration.ofMinutes(10) : backoffMax;
            if (enabled && (host == null || host.isBlank() || username == null || username.isBlank())) {
                throw new IllegalArgumentException(
                        "civicloop.channels.email.imap.host and .username are required when IMAP is enabled");
            }
            if (enabled && afterStore == AfterStore.MOVE && (moveTo == null || moveTo.isBlank())) {
                throw new IllegalArgumentException(
                        "civicloop.channels.email.imap.move-to is required with after-store=move");
            }
        }
    }

    /**
     * @param enabled send e-mail replies through this server (otherwise they are written as .eml
     *     files into the data directory's mail outbox)
     * @param host the SMTP server
     * @param port its port (default 465 with SSL, 587 with STARTTLS, 25 otherwise)
     * @param security STARTTLS (default), SSL or NONE
     * @param username login, if the server asks for one
     * @param password its password
     * @param from the address replies come from, e.g. {@code 311@riverton.gov}
     * @param fromName the name shown with it, e.g. {@code City of Riverton}
     * @param timeout connection and read timeout (default 30 seconds)
     */
    record Smtp(
            boolean enabled,
            String host,
            Integer port,
            Security security,
            String username,
            String password,
            String from,
            String fromName,
            Duration timeout) {

        Smtp {
            security = security == null ? Security.STARTTLS : security;
            port = port == null ? (security == Security.SSL ? 465 : security == Security.STARTTLS ? 587 : 25) : port;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            if (enabled && (host == null || host.isBlank() || from == null || from.isBlank())) {
                throw new IllegalArgumentException(
                        "civicloop.channels.email.smtp.host and .from are required when SMTP is enabled");
            }
        }
    }
}
