package org.civicloop.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CaseStatusChanged;
import org.civicloop.cases.ReporterAttached;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageReceived;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells residents what happened to what they reported, on the channel they used (a reply to their
 * post, a text, an e-mail in their thread) or by e-mail when they wrote through the web form: that
 * it was received (web form), that it became a case, and every public note on that case. Each
 * notice has an idempotency key, so a redelivered event never messages anyone twice; events older
 * than {@code civicloop.replies.notice-max-age} (history brought in by an import or the demo city)
 * notify nobody.
 */
@Component
class ReporterNotifier {

    /** The idempotency keys of the notices sent here start with one of these. */
    private static final java.util.List<String> NOTICE_KEYS = java.util.List.of("received:", "in-case:", "status:");

    private final MessageManagement messages;
    private final CaseManagement cases;
    private final Outbox outbox;
    private final MessageSource texts;
    private final RepliesSettings settings;
    private final Clock clock;

    ReporterNotifier(
            MessageManagement messages,
            CaseManagement cases,
            Outbox outbox,
            MessageSource texts,
            RepliesSettings settings,
            Clock clock) {
        this.messages = messages;
        this.cases = cases;
        this.outbox = outbox;
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
    }

    static boolean isNotice(String idempotencyKey) {
        return NOTICE_KEYS.stream().anyMatch(idempotencyKey::startsWith);
    }

    // the condition keeps the event publication registry from recording, for every message from a
    // social network or a text, a publication this listener would only skip
    @ApplicationModuleListener(condition = "#event.channel() == 'web'")
    void on(MessageReceived event) {
        if (!ChannelKind.WEB.code().equals(event.channel()) || tooOld(event.receivedAt())) return;
        notify(event.messageId(), "received:" + event.messageId(), "replies.received", event.publicReference(), null);
    }

    @ApplicationModuleListener
    void on(ReporterAttached event) {
        if (tooOld(event.at())) return;
        notify(
                event.messageId(),
                "in-case:" + event.messageId() + ":" + event.reference(),
                "replies.in-case",
                event.reference(),
                null);
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        if (event.publicNote() == null || tooOld(event.at())) return;
        String key = "status:" + event.caseId() + ":" + event.to().code() + ":"
                + event.at().toEpochMilli();
        for (var reporter : cases.reporters(event.caseId())) {
            notify(reporter.messageId(), key + ":" + reporter.messageId(), "replies.status", event.reference(), event);
        }
    }

    private boolean tooOld(Instant at) {
        return at != null && at.isBefore(clock.instant().minus(settings.noticeMaxAge()));
    }

    private void notify(MessageId messageId, String key, String textKey, String reference, CaseStatusChanged change) {
        Message message = messages.find(messageId).orElse(null);
        var address = ResidentAddresses.of(message, messages.contact(messageId).orElse(null));
        if (address.isEmpty()) return;
        Locale locale = "es".equals(message.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        String link = settings.publicUrl().replaceAll("/+$", "") + "/cases/" + reference;
        String status = change == null
                ? ""
                : texts.getMessage("case.status." + change.to().code(), null, locale);
        String note = change == null ? "" : change.publicNote();
        Object[] args = {reference, link, status, note};
        String body = texts.getMessage(textKey + (address.get().brief() ? ".short" : ".body"), args, locale);
        outbox.enqueue(
                key,
                address.get().channel(),
                address.get().recipient(),
                texts.getMessage(textKey + ".subject", args, locale),
                body.replaceAll("[ \\t]{2,}", " ").strip(),
                address.get().inReplyTo());
    }
}
