package org.civicloop.channels.email;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.replies.PermanentDeliveryException;
import org.civicloop.replies.ReplySender;
import org.civicloop.shared.ChannelKind;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail replies through the city's SMTP server (when {@code civicloop.channels.email.smtp.enabled};
 * otherwise the replies module writes them as files). Each message is UTF-8 quoted-printable text
 * with a {@code Message-ID} derived from its idempotency key, so a message sent again after a
 * crash is recognisably the same one; a reply to a resident's e-mail carries {@code In-Reply-To}
 * and {@code References} so it appears in their thread; automatic notices are marked {@code
 * Auto-Submitted: auto-replied}. A recipient the server refuses for good (5xx) is a permanent
 * failure; anything else is retried by the outbox.
 */
@Component
@ConditionalOnProperty(prefix = "civicloop.channels.email.smtp", name = "enabled", havingValue = "true")
class SmtpReplySender implements ReplySender, ChannelConnector {

    private static final Logger log = LoggerFactory.getLogger(SmtpReplySender.class);

    private final EmailSettings.Smtp settings;
    private final Session session;
    private final Clock clock;
    private final ConnectorHealth health;
    private final CircuitBreaker breaker;

    SmtpReplySender(EmailSettings settings, Clock clock) {
        this.settings = settings.smtp();
        this.clock = clock;
        this.health = new ConnectorHealth(clock);
        this.session = Session.getInstance(properties(this.settings));
        this.breaker = CircuitBreaker.of(
                "email-smtp",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(60)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        // a refused recipient says nothing about the server's health
                        .ignoreExceptions(PermanentDeliveryException.class)
                        .build());
        health.started();
    }

    static Properties properties(EmailSettings.Smtp smtp) {
        var p = new Properties();
        String protocol = smtp.security() == EmailSettings.Security.SSL ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", smtp.host());
        p.setProperty(prefix + "port", String.valueOf(smtp.port()));
        p.setProperty(
                prefix + "auth",
                String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
        p.setProperty(
                prefix + "connectiontimeout", String.valueOf(smtp.timeout().toMillis()));
        p.setProperty(prefix + "timeout", String.valueOf(smtp.timeout().toMillis()));
        p.setProperty(prefix + "writetimeout", String.valueOf(smtp.timeout().toMillis()));
        if (smtp.security() == EmailSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (smtp.security() != EmailSettings.Security.NONE) p.setProperty(prefix + "ssl.checkserveridentity", "true");
        p.setProperty("mail.mime.charset", "UTF-8");
        return p;
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.EMAIL;
    }

    @Override
    public void send(OutboundMessage message) throws Exception {
        if (health.isPaused()) throw new IllegalStateException("the e-mail channel is paused");
        MimeMessage mail = compose(message);
        try {
            breaker.executeCallable(() -> {
                deliver(mail);
                return null;
            });
            health.success();
        } catch (PermanentDeliveryException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new MessagingException("SMTP server unavailable (circuit open), will retry", e);
        } catch (Exception e) {
            health.failure(e);
            throw e;
        }
    }

    /** The message as it is sent: also what a test checks. */
    MimeMessage compose(OutboundMessage message) throws MessagingException, PermanentDeliveryException {
        InternetAddress to;
        try {
            to = new InternetAddress(message.recipient().strip(), true);
        } catch (AddressException | NullPointerException e) {
            throw new PermanentDeliveryException("not an e-mail address: " + message.recipient());
        }
        var mail = new IdentifiedMessage(session, messageId(message.idempotencyKey(), settings.from()));
        try {
            mail.setFrom(new InternetAddress(settings.from(), settings.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        mail.setSubject(message.subject() == null ? "" : message.subject(), "UTF-8");
        mail.setSentDate(Date.from(clock.instant()));
        mail.setText(message.body() == null ? "" : message.body(), "UTF-8", "plain");
        mail.setHeader("Content-Transfer-Encoding", "quoted-printable");
        String answered = MailParser.normalise(message.inReplyTo());
        if (answered != null && answered.contains("@") && !answered.startsWith(MailParser.HASH_PREFIX)) {
            mail.setHeader("In-Reply-To", "<" + answered + ">");
            mail.setHeader("References", "<" + answered + ">");
        }
        if (message.automatic()) {
            mail.setHeader("Auto-Submitted", "auto-replied");
            mail.setHeader("X-Auto-Response-Suppress", "All");
        }
        mail.saveChanges();
        return mail;
    }

    private void deliver(MimeMessage mail) throws Exception {
        try (Transport transport = session.getTransport()) {
            connect(transport);
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (SendFailedException e) {
            if (permanent(e)) {
                throw new PermanentDeliveryException("the mail server refused the recipient: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private void connect(Transport transport) throws MessagingException {
        if (settings.username() != null && !settings.username().isBlank()) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        } else {
            transport.connect();
        }
    }

    /** A 5xx answer to the recipient or the message: sending it again can never work. */
    static boolean permanent(SendFailedException e) {
        Exception next = e;
        while (next != null) {
            if (next instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) return true;
            if (next instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) return true;
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return false;
    }

    /** {@code <hash-of-key@domain-of-from>}: the same key gives the same Message-ID. */
    static String messageId(String idempotencyKey, String from) {
        String domain = from != null && from.contains("@")
                ? from.substring(from.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT)
                : "civicloop.invalid";
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<civicloop." + HexFormat.of().formatHex(digest, 0, 20) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A MimeMessage whose Message-ID is the one given, not a new random one on every save. */
    static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    @Override
    public String id() {
        return "email:smtp:" + settings.host();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public String description() {
        return "Replies from " + settings.from() + " through " + settings.host() + ":" + settings.port();
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public ConnectorHealth.TestResult test() {
        try (Transport transport = session.getTransport()) {
            connect(transport);
            health.success();
            return ConnectorHealth.TestResult.ok("connected to " + settings.host() + ":" + settings.port());
        } catch (AuthenticationFailedException e) {
            health.failure(e);
            return ConnectorHealth.TestResult.failed("login refused by " + settings.host() + ": " + e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            health.failure(e);
            log.debug("SMTP test failed", e);
            return ConnectorHealth.TestResult.failed(
                    "cannot connect to " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
        }
    }
}
