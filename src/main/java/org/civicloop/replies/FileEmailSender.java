package org.civicloop.replies;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.civicloop.shared.ChannelKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Writes each e-mail as an RFC 5322 {@code .eml} file into the data directory's mail outbox, named
 * by its idempotency key so that sending twice writes the same file once. Real SMTP delivery is
 * the e-mail channel's sender; this one keeps every message for the city to inspect or relay, and is
 * the sender for e-mail as long as SMTP is not enabled ({@code civicloop.channels.email.smtp.enabled}).
 */
@Component
@ConditionalOnProperty(
        prefix = "civicloop.channels.email.smtp",
        name = "enabled",
        havingValue = "false",
        matchIfMissing = true)
class FileEmailSender implements ReplySender {

    private final Path directory;
    private final String from;

    FileEmailSender(RepliesSettings settings, @Value("${civicloop.data-dir:data}") String dataDir) {
        this.directory = settings.mailPath(dataDir);
        this.from = settings.fromAddress();
    }

    @Override
    public boolean supports(ChannelKind channel) {
        return channel == ChannelKind.EMAIL;
    }

    @Override
    public void send(OutboundMessage message) throws Exception {
        Files.createDirectories(directory);
        String name = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(message.idempotencyKey().getBytes(StandardCharsets.UTF_8));
        if (name.length() > 200) name = name.substring(0, 200);
        Path target = directory.resolve(name + ".eml");
        if (Files.exists(target)) return;
        String eml = "From: " + from + "\r\n"
                + "To: " + message.recipient().replaceAll("[\\r\\n]", "") + "\r\n"
                + "Subject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString(message.subject().getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "Message-ID: <" + name + "@civicloop>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + message.body().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
        Path temp = Files.createTempFile(directory, ".sending", ".tmp");
        Files.writeString(temp, eml, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
