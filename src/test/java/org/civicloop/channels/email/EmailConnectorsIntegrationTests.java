package org.civicloop.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.replies.PermanentDeliveryException;
import org.civicloop.replies.ReplySender;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * The IMAP poller and the SMTP sender against GreenMail, a real IMAP and SMTP server on loopback,
 * and the sender against a loopback SMTP server that refuses recipients.
 */
@SpringBootTest
@DirtiesContext
class EmailConnectorsIntegrationTests {

    static final String CITY = "city@riverton.example";
    static GreenMail mail;

    @Autowired
    MessageManagement messages;

    @Autowired
    List<ReplySender> senders;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        mail.setUser(CITY, "city", "secret");
        registry.add("civicloop.channels.email.smtp.enabled", () -> "true");
        registry.add("civicloop.channels.email.smtp.host", () -> "127.0.0.1");
        registry.add("civicloop.channels.email.smtp.port", () -> mail.getSmtp().getPort());
        registry.add("civicloop.channels.email.smtp.security", () -> "none");
        registry.add("civicloop.channels.email.smtp.from", () -> "311@riverton.example");
        registry.add("civicloop.channels.email.smtp.from-name", () -> "City of Riverton");
        registry.add("civicloop.channels.email.imap.enabled", () -> "true");
        registry.add("civicloop.channels.email.imap.host", () -> "127.0.0.1");
        registry.add("civicloop.channels.email.imap.port", () -> mail.getImap().getPort());
        registry.add("civicloop.channels.email.imap.security", () -> "none");
        registry.add("civicloop.channels.email.imap.username", () -> "city");
        registry.add("civicloop.channels.email.imap.password", () -> "secret");
        registry.add("civicloop.channels.email.imap.poll-interval", () -> "200ms");
        // the outbox is not what is tested here
        registry.add("civicloop.replies.dispatch-interval", () -> "1h");
    }

    @AfterAll
    static void stop() {
        if (mail != null) mail.stop();
    }

    @Autowired
    List<org.civicloop.channels.ChannelConnector> connectors;

    // ---- IMAP

    @Test
    void theConfiguredPollerAndSenderAreConnectorsAndThePollerReadsTheInbox() throws Exception {
        assertThat(connectors)
                .extracting(org.civicloop.channels.ChannelConnector::id)
                .contains("email:imap:city@127.0.0.1/INBOX", "email:smtp:127.0.0.1");
        var poller = connectors.stream()
                .filter(c -> c instanceof ImapConnector)
                .map(ImapConnector.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(poller.isRunning()).isTrue();
        assertThat(poller.kind()).isEqualTo(ChannelKind.EMAIL);
        assertThat(poller.test().ok()).isTrue();
        String a = id();
        append("INBOX", resident(a, "Crosswalk", "Paint has faded on Main"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(a));

        // paused, it reads nothing; resumed, it catches up from its cursor
        poller.pause();
        Thread.sleep(1000); // let a poll that was under way finish
        long fetched = poller.fetched();
        String b = id();
        append("INBOX", resident(b, "Crosswalk", "Still faded"));
        Thread.sleep(1000);
        assertThat(stored(b)).isFalse();
        assertThat(poller.fetched()).isEqualTo(fetched);
        assertThat(poller.health().snapshot().state()).isEqualTo(org.civicloop.channels.ConnectorHealth.State.PAUSED);
        poller.resume();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(b));
    }

    EmailSettings settings(String folder, int batchSize) {
        return new EmailSettings(
                List.of("311@riverton.example"),
                null,
                null,
                null,
                new EmailSettings.Imap(
                        true,
                        "127.0.0.1",
                        mail.getImap().getPort(),
                        EmailSettings.Security.NONE,
                        "city",
                        "secret",
                        folder,
                        Duration.ofMillis(100),
                        batchSize,
                        EmailSettings.AfterStore.KEEP,
                        null,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(500)),
                null);
    }

    ImapConnector connector(String folder, int batchSize) {
        return new ImapConnector(settings(folder, batchSize), messages, json, Clock.systemUTC());
    }

    static String resident(String id, String subject, String text) {
        return "From: Resident <resident." + id.substring(0, 6) + "@example.org>\r\n"
                + "To: " + CITY + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Wed, 25 Nov 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + id + "@example.org>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text + "\r\n";
    }

    static String autoReply(String id) {
        return "From: Away <away@example.org>\r\nTo: " + CITY + "\r\nSubject: Out of office\r\n"
                + "Auto-Submitted: auto-replied\r\nMessage-ID: <" + id + "@example.org>\r\n\r\nI am away.\r\n";
    }

    /** Appends messages through IMAP, as a mail server's delivery would put them into the folder. */
    static void append(String folderName, String... raws) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), "city", "secret");
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) folder.create(Folder.HOLDS_MESSAGES);
            var batch = new MimeMessage[raws.length];
            for (int i = 0; i < raws.length; i++) {
                batch[i] = new MimeMessage(session, new ByteArrayInputStream(raws[i].getBytes(StandardCharsets.UTF_8)));
            }
            folder.appendMessages(batch);
        }
    }

    static long uidValidity(String folderName) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), "city", "secret");
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            try {
                return ((UIDFolder) folder).getUIDValidity();
            } finally {
                folder.close(false);
            }
        }
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    boolean stored(String id) {
        return messages.findByExternalId(ChannelKind.EMAIL, id + "@example.org").isPresent();
    }

    long rows(String id) {
        return jdbc.sql("SELECT count(*) FROM message WHERE channel = 'email' AND external_id = :id")
                .param("id", id + "@example.org")
                .query(Long.class)
                .single();
    }

    @Test
    void imapStoresNewMailOnceInBatchesAndResumesFromItsUidCursorAfterARestart() throws Exception {
        String folder = "Inbox-" + id().substring(0, 8);
        String a = id(), b = id(), c = id(), away = id();
        append(
                folder,
                resident(a, "Leaking hydrant", "Water everywhere on 5th"),
                autoReply(away),
                resident(b, "Noise", "Construction at 6am"),
                resident(c, "Bins", "Not collected"));

        ImapConnector first = connector(folder, 2);
        assertThat(first.test().ok()).isTrue();
        first.poll();
        assertThat(stored(a) && stored(b) && stored(c)).isTrue();
        assertThat(stored(away)).as("auto-reply").isFalse();
        assertThat(first.fetched()).isEqualTo(4);
        assertThat(first.skipped()).isEqualTo(1);
        String cursor = messages.cursor(first.cursorName()).orElseThrow();
        assertThat(cursor).isEqualTo(uidValidity(folder) + ":4");
        assertThat(first.health().snapshot().messages()).isEqualTo(3);

        // nothing new: nothing downloaded again
        first.poll();
        assertThat(first.fetched()).isEqualTo(4);

        // a new connector (a restart) reads only what came after its cursor
        String d = id(), e = id();
        append(folder, resident(d, "Tree down", "On Maple"), resident(e, "Streetlight", "Out on Oak"));
        ImapConnector restarted = connector(folder, 2);
        restarted.poll();
        assertThat(restarted.fetched()).isEqualTo(2);
        assertThat(stored(d) && stored(e)).isTrue();
        assertThat(messages.cursor(first.cursorName())).contains(uidValidity(folder) + ":6");
        for (String each : List.of(a, b, c, d, e)) assertThat(rows(each)).isEqualTo(1);

        // running: polls by itself until stopped
        restarted.start();
        try {
            String f = id();
            append(folder, resident(f, "Graffiti", "On the bridge"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(f));
            assertThat(restarted.health().snapshot().state())
                    .isEqualTo(org.civicloop.channels.ConnectorHealth.State.RUNNING);
        } finally {
            restarted.stop();
        }
        assertThat(restarted.fetched()).isEqualTo(3);
    }

    @Test
    void aNewUidValidityMakesThePollerReadTheFolderAgainAndKeepsEveryMessageOnce() throws Exception {
        String folder = "Rebuilt-" + id().substring(0, 8);
        String a = id(), b = id();
        append(folder, resident(a, "Pothole", "Elm St"), resident(b, "Sidewalk", "Cracked"));
        ImapConnector connector = connector(folder, 50);
        connector.poll();
        long before = uidValidity(folder);
        assertThat(messages.cursor(connector.cursorName())).contains(before + ":2");

        // the mailbox is rebuilt (as after a server migration): same messages, new UIDs, new UIDVALIDITY
        long after = before;
        for (int attempt = 0; attempt < 4 && after == before; attempt++) {
            Thread.sleep(1100); // GreenMail derives UIDVALIDITY from the clock's seconds
            try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                store.connect("127.0.0.1", mail.getImap().getPort(), "city", "secret");
                store.getFolder(folder).delete(true);
            }
            String c = id();
            append(
                    folder,
                    resident(a, "Pothole", "Elm St"),
                    resident(b, "Sidewalk", "Cracked"),
                    resident(c, "New", "A new one"));
            after = uidValidity(folder);
            if (after != before) {
                connector.poll();
                assertThat(connector.fetched()).isEqualTo(2 + 3);
                assertThat(stored(c)).isTrue();
            }
        }
        assertThat(after).isNotEqualTo(before);
        assertThat(messages.cursor(connector.cursorName())).contains(after + ":3");
        assertThat(rows(a)).isEqualTo(1);
        assertThat(rows(b)).isEqualTo(1);
    }

    @Test
    void afterStoringMessagesCanBeMarkedSeen() throws Exception {
        String folder = "Seen-" + id().substring(0, 8);
        String a = id();
        append(folder, resident(a, "Bus shelter", "Glass broken"));
        var base = settings(folder, 10);
        var imap = base.imap();
        var seen = new EmailSettings(
                base.ownAddresses(),
                null,
                null,
                null,
                new EmailSettings.Imap(
                        true,
                        imap.host(),
                        imap.port(),
                        imap.security(),
                        imap.username(),
                        imap.password(),
                        folder,
                        imap.pollInterval(),
                        10,
                        EmailSettings.AfterStore.SEEN,
                        null,
                        imap.timeout(),
                        imap.backoffMin(),
                        imap.backoffMax()),
                null);
        new ImapConnector(seen, messages, json, Clock.systemUTC()).poll();
        assertThat(stored(a)).isTrue();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), "city", "secret");
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            assertThat(f.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
            f.close(false);
        }
    }

    EmailSettings with(String folder, int port, EmailSettings.AfterStore afterStore, String moveTo) {
        var imap = settings(folder, 10).imap();
        return new EmailSettings(
                List.of(),
                null,
                null,
                null,
                new EmailSettings.Imap(
                        true,
                        imap.host(),
                        port,
                        imap.security(),
                        imap.username(),
                        imap.password(),
                        folder,
                        imap.pollInterval(),
                        10,
                        afterStore,
                        moveTo,
                        Duration.ofSeconds(2),
                        imap.backoffMin(),
                        imap.backoffMax()),
                null);
    }

    @Test
    void afterStoringMessagesCanBeMovedToAnotherFolder() throws Exception {
        String folder = "Move-" + id().substring(0, 8);
        String a = id(), b = id();
        append(folder, resident(a, "Bus shelter", "Glass broken"), resident(b, "Bus stop", "Sign missing"));
        new ImapConnector(
                        with(folder, mail.getImap().getPort(), EmailSettings.AfterStore.MOVE, folder + "-done"),
                        messages,
                        json,
                        Clock.systemUTC())
                .poll();
        assertThat(stored(a) && stored(b)).isTrue();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), "city", "secret");
            assertThat(store.getFolder(folder).getMessageCount()).isZero();
            assertThat(store.getFolder(folder + "-done").getMessageCount()).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableMailboxIsRetriedWithBackoffAndShownAsFailing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var connector = new ImapConnector(
                with("INBOX", closed, EmailSettings.AfterStore.KEEP, null), messages, json, Clock.systemUTC());
        connector.start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> connector.health().snapshot().errors() >= 2);
            var health = connector.health().snapshot();
            assertThat(health.state()).isEqualTo(org.civicloop.channels.ConnectorHealth.State.FAILING);
            assertThat(health.lastErrorMessage()).isNotBlank();
            assertThat(health.lastSuccess()).isNull();
            assertThat(connector.test().ok()).isFalse();
        } finally {
            connector.stop();
        }
        assertThat(connector.health().snapshot().state())
                .isEqualTo(org.civicloop.channels.ConnectorHealth.State.STOPPED);
    }

    @Test
    void aWrongPasswordFailsTheConnectionTestWithoutThrowing() {
        var base = settings("INBOX", 10).imap();
        var wrong = new EmailSettings(
                List.of(),
                null,
                null,
                null,
                new EmailSettings.Imap(
                        true,
                        base.host(),
                        base.port(),
                        base.security(),
                        "city",
                        "not-the-password",
                        "INBOX",
                        base.pollInterval(),
                        10,
                        EmailSettings.AfterStore.KEEP,
                        null,
                        base.timeout(),
                        base.backoffMin(),
                        base.backoffMax()),
                null);
        var result = new ImapConnector(wrong, messages, json, Clock.systemUTC()).test();
        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).contains("127.0.0.1");
    }

    // ---- SMTP

    ReplySender emailSender() {
        var email = senders.stream().filter(s -> s.supports(ChannelKind.EMAIL)).toList();
        assertThat(email).as("exactly one sender claims e-mail").hasSize(1);
        return email.get(0);
    }

    @Test
    void smtpIsTheOnlyEmailSenderWhenEnabledAndDeliversThreadedUtf8MailWithAStableMessageId() throws Exception {
        ReplySender sender = emailSender();
        assertThat(sender).isInstanceOf(SmtpReplySender.class);
        mail.purgeEmailFromAllMailboxes();

        String key = "in-case:" + id() + ":R-2611-0042";
        var notice = new OutboundMessage(
                key,
                ChannelKind.EMAIL,
                "ana.perez@example.org",
                "Your report R-2611-0042 is now a case — Straße",
                "Dear resident,\nyour report is now case R-2611-0042. Ça avance ✔\n",
                "CAJx1-report-7731@mail.example.org");
        sender.send(notice);
        sender.send(notice); // a resend after a crash: recognisably the same message

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage first = received[0];
        String expectedId = SmtpReplySender.messageId(key, "311@riverton.example");
        assertThat(first.getMessageID()).isEqualTo(expectedId).endsWith("@riverton.example>");
        assertThat(received[1].getMessageID()).isEqualTo(expectedId);
        assertThat(first.getHeader("In-Reply-To", null)).isEqualTo("<CAJx1-report-7731@mail.example.org>");
        assertThat(first.getHeader("References", null)).isEqualTo("<CAJx1-report-7731@mail.example.org>");
        assertThat(first.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(first.getHeader("Content-Transfer-Encoding", null)).isEqualTo("quoted-printable");
        assertThat(first.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(first.getSubject()).isEqualTo("Your report R-2611-0042 is now a case — Straße");
        assertThat(first.getFrom()[0].toString()).contains("City of Riverton").contains("311@riverton.example");
        // (the server keeps the body without its final line break)
        assertThat(((String) first.getContent()).replace("\r\n", "\n").strip())
                .isEqualTo("Dear resident,\nyour report is now case R-2611-0042. Ça avance ✔");

        // the resident's answer to it, read back, joins the thread of their report
        var parser = new MailParser(json, java.util.Set.of(), 1024, 1, 4096);
        String answer = "From: ana.perez@example.org\r\nSubject: Re: x\r\nMessage-ID: <ans-" + id()
                + "@example.org>\r\n"
                + "In-Reply-To: " + expectedId + "\r\nReferences: <CAJx1-report-7731@mail.example.org> " + expectedId
                + "\r\n\r\nThanks!\r\n";
        var parsed = (MailParser.Resident)
                parser.parse(answer.getBytes(StandardCharsets.US_ASCII), null, java.time.Instant.now(), "test");
        assertThat(parsed.message().threadRefs())
                .contains("CAJx1-report-7731@mail.example.org", expectedId.substring(1, expectedId.length() - 1));

        // a reply written by staff is not marked automatic
        mail.purgeEmailFromAllMailboxes();
        sender.send(new OutboundMessage(
                "reply:" + id(),
                ChannelKind.EMAIL,
                "ana.perez@example.org",
                "Re: Pothole",
                "We filled it this morning.",
                null));
        MimeMessage reply = mail.getReceivedMessages()[0];
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat(reply.getHeader("In-Reply-To")).isNull();
        assertThat(((SmtpReplySender) sender).test().ok()).isTrue();
    }

    @Test
    void aRecipientRefusedWithA5xxIsAPermanentFailureAndA4xxIsRetried() throws Exception {
        assertThatThrownBy(() -> sendThrough("550 5.1.1 <nobody@example.org>: Recipient address rejected"))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("refused the recipient");
        assertThatThrownBy(() -> sendThrough("451 4.3.0 Try again later"))
                .isNotInstanceOf(PermanentDeliveryException.class)
                .isInstanceOf(jakarta.mail.MessagingException.class);
        assertThatThrownBy(() -> emailSender()
                        .send(new OutboundMessage("x:" + id(), ChannelKind.EMAIL, "not an address", "s", "b")))
                .isInstanceOf(PermanentDeliveryException.class);
    }

    /** Sends one message through a loopback SMTP server that answers RCPT TO with {@code rcptAnswer}. */
    void sendThrough(String rcptAnswer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> converse(server, rcptAnswer));
            t.setDaemon(true);
            t.start();
            var settings = new EmailSettings(
                    null,
                    null,
                    null,
                    null,
                    null,
                    new EmailSettings.Smtp(
                            true,
                            "127.0.0.1",
                            server.getLocalPort(),
                            EmailSettings.Security.NONE,
                            null,
                            null,
                            "311@riverton.example",
                            null,
                            Duration.ofSeconds(5)));
            new SmtpReplySender(settings, Clock.systemUTC())
                    .send(new OutboundMessage("k:" + id(), ChannelKind.EMAIL, "nobody@example.org", "Hello", "Body"));
        }
    }

    static void converse(ServerSocket server, String rcptAnswer) {
        try (Socket socket = server.accept();
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            write(out, "220 fake.example ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> write(out, "250-fake.example\r\n250 8BITMIME");
                    case "RCPT" -> write(out, rcptAnswer);
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    default -> write(out, "250 OK");
                }
            }
        } catch (java.io.IOException e) {
            // the client went away
        }
    }

    static void write(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
