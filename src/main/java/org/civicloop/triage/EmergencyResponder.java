package org.civicloop.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.civicloop.ingest.Message;
import org.civicloop.replies.ResidentReplies;
import org.civicloop.shared.ChannelKind;
import org.civicloop.triage.emergency.EmergencyDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acts on a message found to be an emergency, at once and whatever the rest of triage will think:
 * tells the resident on their own channel, in their language, to call 911 (this channel is not
 * watched for emergencies), raises an alert for on-duty staff ({@link EmergencyDetected}) and,
 * when configured, e-mails it. Commits on its own, before the slower stages run; once per message
 * (the alert row and the outbox's idempotency key {@code emergency:<messageId>} see to that).
 */
@Component
class EmergencyResponder {

    private static final Logger log = LoggerFactory.getLogger(EmergencyResponder.class);

    private final EmergencyAlerts alerts;
    private final ResidentReplies replies;
    private final MessageSource texts;
    private final ApplicationEventPublisher events;
    private final EmergencySettings settings;
    private final Clock clock;

    EmergencyResponder(
            EmergencyAlerts alerts,
            ResidentReplies replies,
            MessageSource texts,
            ApplicationEventPublisher events,
            EmergencySettings settings,
            Clock clock) {
        this.alerts = alerts;
        this.replies = replies;
        this.texts = texts;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a message is recent enough to act on (history brought in later answers nobody). */
    boolean current(Message message) {
        Instant cutoff = clock.instant().minus(settings.maxAge());
        Instant posted = message.postedAt() != null ? message.postedAt() : message.receivedAt();
        return posted == null || !posted.isBefore(cutoff);
    }

    /** Answers and alerts; false when this message had been acted on before. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean respond(Message message, EmergencyDetector.Finding finding, String language) {
        Instant now = clock.instant();
        String hazard = finding.hazard().code();
        var alert = new EmergencyAlert(
                message.id(), hazard, finding.evidence(), language, message.channel(), null, now, null, null);
        if (!alerts.raise(alert)) return false;
        Locale locale = "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        String subject = texts.getMessage("triage.emergency.subject", null, locale);
        String brief = texts.getMessage("triage.emergency.short", null, locale);
        String full = texts.getMessage("triage.emergency.body", null, locale);
        var repliedOn = replies.answer(message.id(), "emergency:" + message.id(), subject, brief, full);
        repliedOn.ifPresent(channel -> alerts.replied(message.id(), channel.code()));
        if (!settings.alertEmail().isBlank()) {
            Object[] args = {
                texts.getMessage("triage.hazard." + hazard, null, Locale.ENGLISH),
                finding.evidence(),
                ChannelKind.isKnown(message.channel()) ? message.channel() : "?",
                message.publicReference()
            };
            replies.emailStaff(
                    "emergency-alert:" + message.id(),
                    settings.alertEmail(),
                    texts.getMessage("triage.emergency.alert.subject", args, Locale.ENGLISH),
                    texts.getMessage("triage.emergency.alert.body", args, Locale.ENGLISH));
        }
        events.publishEvent(new EmergencyDetected(
                message.id(),
                hazard,
                finding.evidence(),
                language,
                message.channel(),
                repliedOn.map(ChannelKind::code).orElse(null),
                now));
        log.warn(
                "emergency ({}) in message {} on {}: {}",
                hazard,
                message.id(),
                message.channel(),
                repliedOn.isPresent() ? "resident told to call 911" : "resident cannot be reached");
        return true;
    }
}
