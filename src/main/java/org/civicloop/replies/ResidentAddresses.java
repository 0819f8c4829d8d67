package org.civicloop.replies;

import java.util.Optional;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.Message;
import org.civicloop.shared.ChannelKind;

/**
 * Where to answer a resident: on the channel they wrote on, when it can carry an answer, threaded
 * under what they wrote; otherwise by e-mail when they left an address (the web form, a call logged
 * by staff). Each channel's {@link ReplySender} documents what it expects as recipient.
 */
final class ResidentAddresses {

    private ResidentAddresses() {}

    /**
     * @param recipient who receives it, as the channel's sender expects
     * @param inReplyTo the external id, on that channel, of the message answered (threading), or null
     * @param brief whether the medium wants a short text (a post or a text message, not a letter)
     */
    record Address(ChannelKind channel, String recipient, String inReplyTo, boolean brief) {}

    static Optional<Address> of(Message message, InboundMessage.Contact contact) {
        if (message == null || message.retracted() || !ChannelKind.isKnown(message.channel())) return Optional.empty();
        ChannelKind channel = ChannelKind.fromCode(message.channel());
        String email = contact == null ? null : blankToNull(contact.email());
        String phone = contact == null ? null : blankToNull(contact.phone());
        String handle = blankToNull(message.authorHandle());
        return switch (channel) {
            case EMAIL ->
                Optional.ofNullable(email != null ? email : isEmail(handle) ? handle : null)
                        .map(to -> new Address(ChannelKind.EMAIL, to, message.externalId(), false));
            case SMS ->
                Optional.ofNullable(phone != null ? phone : handle)
                        .map(to -> new Address(ChannelKind.SMS, to, null, true));
            case MASTODON, ACTIVITYPUB, X ->
                Optional.ofNullable(handle).map(to -> new Address(channel, to, message.externalId(), true));
            // a Bluesky reply is addressed to the post itself (its AT-URI is the external id)
            case BLUESKY -> Optional.of(new Address(channel, message.externalId(), message.externalId(), true));
            case WEB, OPEN311, PHONE, IN_PERSON ->
                Optional.ofNullable(email).map(to -> new Address(ChannelKind.EMAIL, to, null, false));
        };
    }

    private static boolean isEmail(String s) {
        return s != null && s.indexOf('@') > 0 && s.indexOf('@') == s.lastIndexOf('@');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
