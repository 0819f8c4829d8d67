package org.civicloop.portal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.Receipt;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;
import org.springframework.stereotype.Component;

/** Turns what a resident sent through the web (form or JSON API) into a message on channel {@code web}. */
@Component
class WebReports {

    private final MessageManagement messages;
    private final Clock clock;

    WebReports(MessageManagement messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    Receipt submit(
            String submissionId,
            String text,
            String address,
            Double latitude,
            Double longitude,
            String email,
            String phone,
            Locale locale,
            InboundMessage.Media photo) {
        var message = new InboundMessage(
                ChannelKind.WEB,
                "web-" + submissionId,
                null,
                null,
                text.strip(),
                locale == null ? "en" : locale.getLanguage(),
                clock.instant(),
                null,
                null,
                blankToNull(address),
                GeoPoint.ofNullable(latitude, longitude),
                new InboundMessage.Contact(blankToNull(email), blankToNull(phone)),
                photo == null ? List.of() : List.of(photo),
                null);
        return messages.receive(message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
