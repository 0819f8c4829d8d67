package org.civicloop.replies;

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
 * Tells residents who left an e-mail address what happened to what they reported: that it was
 * received (with their reference), that it became a case, and every public note on that case.
 * Each notice has an idempotency key, so a redelivered event never messages anyone twice.
 */
@Component
class ReporterNotifier {

    private final MessageManagement messages;
    private final CaseManagement cases;
    private final Outbox outbox;
    private final MessageSource texts;
    private final RepliesSettings settings;

    ReporterNotifier(
            MessageManagement messages,
            CaseManagement cases,
            Outbox outbox,
            MessageSource texts,
            RepliesSettings settings) {
        this.messages = messages;
        this.cases = cases;
        this.outbox = outbox;
        this.texts = texts;
        this.settings = settings;
    }

    // the condition keeps the event publication registry from recording, for every message from a
    // social network or a text, a publication this listener would only skip
    @ApplicationModuleListener(condition = "#event.channel() == 'web'")
    void on(MessageReceived event) {
        if (!ChannelKind.WEB.code().equals(event.channel())) return;
        notify(event.messageId(), "received:" + event.messageId(), "replies.received", event.publicReference(), null);
    }

    @ApplicationModuleListener
    void on(ReporterAttached event) {
        notify(
                event.messageId(),
                "in-case:" + event.messageId() + ":" + event.reference(),
                "replies.in-case",
                event.reference(),
                null);
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        if (event.publicNote() == null) return;
        String key = "status:" + event.caseId() + ":" + event.to().code() + ":"
                + event.at().toEpochMilli();
        for (var reporter : cases.reporters(event.caseId())) {
            notify(reporter.messageId(), key + ":" + reporter.messageId(), "replies.status", event.reference(), event);
        }
    }

    private void notify(MessageId messageId, String key, String textKey, String reference, CaseStatusChanged change) {
        var contact = messages.contact(messageId).orElse(null);
        if (contact == null || contact.email() == null) return;
        Message message = messages.find(messageId).orElse(null);
        Locale locale =
                message != null && "es".equals(message.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        String link = settings.publicUrl().replaceAll("/+$", "") + "/cases/" + reference;
        String status = change == null
                ? ""
                : texts.getMessage("case.status." + change.to().code(), null, locale);
        String note = change == null ? "" : change.publicNote();
        Object[] args = {reference, link, status, note};
        outbox.enqueue(
                key,
                ChannelKind.EMAIL,
                contact.email(),
                texts.getMessage(textKey + ".subject", args, locale),
                texts.getMessage(textKey + ".body", args, locale));
    }
}
