package org.civicloop.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.cases.ReporterAttached;
import org.civicloop.shared.MessageId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable ingest path every channel uses: a message is stored once per (channel, external
 * id), so a redelivery or a retry after a crash is harmless, and {@link MessageReceived} is
 * published with it in the same transaction.
 */
@Service
@Transactional
public class MessageManagement {

    private final Messages messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MessageManagement(Messages messages, ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    public Receipt receive(InboundMessage message) {
        return receive(message, clock.instant());
    }

    /** Stores a message received at a given moment (imports and the demo city bring their history). */
    public Receipt receive(InboundMessage message, Instant receivedAt) {
        return messages.insertIfAbsent(message, receivedAt)
                .map(receipt -> {
                    events.publishEvent(new MessageReceived(
                            receipt.messageId(), message.channel().code(), receipt.publicReference(), receivedAt));
                    return receipt;
                })
                .orElseGet(() -> messages.findReceipt(message.channel().code(), message.externalId())
                        .orElseThrow());
    }

    /**
     * Stores what a connector read from its source and moves its cursor past it, in one
     * transaction: after a crash the connector resumes from the last position whose messages are
     * all stored, and re-reading them is harmless. The batch is written with a few statements for
     * all its messages, with the same result as {@link #receive} one after the other (ADR 0013).
     */
    public List<Receipt> receiveAll(List<InboundMessage> batch, String connector, String cursorPosition) {
        Instant now = clock.instant();
        var stored = messages.insertAllIfAbsent(batch, now);
        var earlier =
                stored.stream().anyMatch(Optional::isEmpty) ? messages.findReceipts(batch) : Map.<String, Receipt>of();
        var receipts = new java.util.ArrayList<Receipt>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            InboundMessage message = batch.get(i);
            var receipt = stored.get(i);
            if (receipt.isPresent()) {
                events.publishEvent(new MessageReceived(
                        receipt.get().messageId(),
                        message.channel().code(),
                        receipt.get().publicReference(),
                        now));
                receipts.add(receipt.get());
            } else {
                // already stored (a redelivery, or twice in this batch)
                var known = earlier.get(Messages.key(message.channel().code(), message.externalId()));
                receipts.add(
                        known != null
                                ? known
                                : messages.findReceipt(message.channel().code(), message.externalId())
                                        .orElseThrow());
            }
        }
        if (connector != null && cursorPosition != null) {
            messages.moveCursor(connector, cursorPosition, now);
        }
        return receipts;
    }

    /** Where a connector stopped reading its source, if it ever started. */
    @Transactional(readOnly = true)
    public Optional<String> cursor(String connector) {
        return messages.cursor(connector);
    }

    /**
     * A resident edited a message: the new text replaces the old one, which is kept as a revision.
     * An edit of a message never seen is stored as a new message.
     */
    public Receipt edit(InboundMessage edited) {
        Instant now = clock.instant();
        var id = messages.edit(edited.channel().code(), edited.externalId(), edited.text(), edited.rawPayload(), now);
        if (id.isEmpty()) return receive(edited, now);
        events.publishEvent(new MessageEdited(id.get(), edited.channel().code(), now));
        return messages.findReceipt(edited.channel().code(), edited.externalId())
                .orElseThrow();
    }

    /**
     * A resident deleted a message: it leaves the inbox, search and public pages; the record and
     * the reason stay for the audit trail. Answers false when there was nothing to retract.
     */
    public boolean retract(org.civicloop.shared.ChannelKind channel, String externalId, String reason) {
        Instant now = clock.instant();
        var id = messages.retract(channel.code(), externalId, reason == null ? "deleted by the author" : reason, now);
        id.ifPresent(messageId -> events.publishEvent(new MessageRetracted(messageId, channel.code(), reason, now)));
        return id.isPresent();
    }

    /**
     * The conversation a message belongs to: every message of it that is not retracted, in the
     * order they were posted (just the message itself when it answers nothing and nothing answers it).
     */
    @Transactional(readOnly = true)
    public List<Message> conversation(MessageId id) {
        return messages.findById(id)
                .map(m -> messages.conversation(m.conversationId()))
                .orElse(List.of());
    }

    /** Earlier texts of an edited message, oldest first. */
    @Transactional(readOnly = true)
    public List<String> revisions(MessageId id) {
        return messages.revisions(id);
    }

    @Transactional(readOnly = true)
    public Optional<Message> find(MessageId id) {
        return messages.findById(id);
    }

    /** A message by the id its channel gave it. */
    @Transactional(readOnly = true)
    public Optional<Message> findByExternalId(org.civicloop.shared.ChannelKind channel, String externalId) {
        return messages.findReceipt(channel.code(), externalId).flatMap(r -> messages.findById(r.messageId()));
    }

    @Transactional(readOnly = true)
    public Optional<Message> findByReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 20) return Optional.empty();
        return messages.findByReference(reference.strip());
    }

    @Transactional(readOnly = true)
    public List<Message> inbox(InboxFilter filter, int limit, int offset) {
        return messages.find(filter, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
    }

    @Transactional(readOnly = true)
    public Map<String, Long> countByStatus() {
        return messages.countByStatus();
    }

    @Transactional(readOnly = true)
    public List<String> channelsInUse() {
        return messages.channelsInUse();
    }

    /** How to reach the author again: personal data, for notifying them and for authorised staff. */
    @Transactional(readOnly = true)
    public Optional<InboundMessage.Contact> contact(MessageId id) {
        return messages.contact(id);
    }

    @Transactional(readOnly = true)
    public List<StoredMedia> media(MessageId id) {
        return messages.media(id);
    }

    @Transactional(readOnly = true)
    public Optional<MediaContent> mediaContent(UUID mediaId) {
        return messages.mediaContent(mediaId);
    }

    /** The inbox shows which case a message now reports, in the same transaction as the attachment. */
    @EventListener
    void on(ReporterAttached event) {
        messages.markInCase(event.messageId(), event.caseId().value(), event.reference());
    }
}
