package org.civicloop.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A mailbox exported from the city's 311 address ({@code riverton-311.mbox}): a resident's report,
 * the city's answer, her reply quoting both (with a signature and a phone footer), an HTML-only
 * follow-up, a Spanish report in ISO-8859-1 quoted-printable, a report with a photo, an
 * out-of-office auto-reply and a bounce.
 */
@SpringBootTest(properties = "civicloop.channels.email.own-addresses=311@riverton.example")
class EmailImportIntegrationTests {

    static final Path MBOX = Path.of("src/test/resources/email/riverton-311.mbox");
    static final String REPORT = "CAJx1-report-7731@mail.example.org";
    static final String REPLY = "CAJx1-reply-7790@mail.example.org";
    static final String FOLLOW_UP = "webmail.8812.1764000300@mail.example.org";

    @Autowired
    MailImport mailImport;

    @Autowired
    MessageManagement messages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<org.civicloop.replies.ReplySender> senders;

    @Test
    void withoutSmtpSettingsTheFileSenderIsTheOnlyOneForEmail() {
        var email = senders.stream().filter(s -> s.supports(ChannelKind.EMAIL)).toList();
        assertThat(email).hasSize(1);
        assertThat(email.get(0).getClass().getSimpleName()).isEqualTo("FileEmailSender");
    }

    @Test
    void anMboxWithAReplyThreadBecomesOneConversationWithQuotedTextStripped() throws Exception {
        var progress = new ArrayList<MailImport.Progress>();
        var report = mailImport.importFiles(List.of(MBOX), progress::add);

        assertThat(report.total()).isEqualTo(separators(MBOX));
        assertThat(report.stored()).isEqualTo(5);
        assertThat(report.skipped())
                .as("the city's answer, the auto-reply, the bounce")
                .isEqualTo(3);
        assertThat(report.failed()).isZero();
        assertThat(progress).hasSize(report.total());
        assertThat(progress.get(progress.size() - 1).done()).isEqualTo(report.total());

        Message first = messages.findByExternalId(ChannelKind.EMAIL, REPORT).orElseThrow();
        List<Message> thread = messages.conversation(first.id());
        assertThat(thread).extracting(Message::externalId).containsExactly(REPORT, REPLY, FOLLOW_UP);
        assertThat(thread).allSatisfy(m -> {
            assertThat(m.authorHandle()).isEqualTo("ana.perez@example.org");
            assertThat(m.authorName()).isEqualTo("Ana Pérez");
            assertThat(m.conversationId()).isEqualTo(first.id());
        });

        // the subject heads the first message; the escaped ">From" line is the resident's again
        assertThat(first.text())
                .startsWith("Pothole on Elm Street\n\nHello,")
                .contains("\nFrom the bus stop on Elm you can see cyclists")
                .endsWith("Could someone fill it before somebody gets hurt?")
                .doesNotContain("14 Elm Street, Riverton");
        assertThat(first.postedAt()).isEqualTo(Instant.parse("2026-11-23T13:02:11Z"));

        Message reply = thread.get(1);
        assertThat(reply.text())
                .isEqualTo("Thank you. It is getting worse: a car lost a hubcap there this morning and the hole"
                        + " is now about a metre wide.");
        Message followUp = thread.get(2);
        assertThat(followUp.text())
                .isEqualTo("A crew put cones around it this morning. Thank you!\nWill it be filled this week?");

        // the raw payload keeps everything the stored text leaves out
        String rawReply = raw(REPLY);
        assertThat(rawReply)
                .contains("wrote:")
                .contains("> Thank you for your report. It has the reference R-2611-0042")
                .contains("Sent from my iPhone")
                .contains("--=20");
        assertThat(raw(FOLLOW_UP)).contains("blockquote");
        assertThat(jdbc.sql("SELECT raw->'headers'->'In-Reply-To'->>0 FROM message WHERE external_id = :id")
                        .param("id", REPLY)
                        .query(String.class)
                        .single())
                .isEqualTo("<20261123151540.r311-0042@riverton.example>");

        // automatic mail and the city's own answer are not resident messages
        assertThat(messages.findByExternalId(ChannelKind.EMAIL, "oof-5521@example.net"))
                .isEmpty();
        assertThat(messages.findByExternalId(ChannelKind.EMAIL, "20261124170500.BOUNCE1@mx.riverton.example"))
                .isEmpty();
        assertThat(messages.findByExternalId(ChannelKind.EMAIL, "20261123151540.r311-0042@riverton.example"))
                .isEmpty();

        // ISO-8859-1, quoted-printable, RFC 2047 in the name and the subject, Reply-To for the contact
        Message spanish = messages.findByExternalId(ChannelKind.EMAIL, "3f1c9a@example.es")
                .orElseThrow();
        assertThat(spanish.text())
                .startsWith("Farola apagada en la calle Mañana\n\n")
                .contains("La farola de la esquina de la calle Mañana con Río está apagada desde el miércoles.")
                .contains("los niños");
        assertThat(spanish.authorName()).isEqualTo("José Núñez");
        assertThat(spanish.authorHandle()).isEqualTo("jnunez@example.es");
        assertThat(spanish.language()).isEqualTo("es");
        assertThat(messages.contact(spanish.id()).orElseThrow().email()).isEqualTo("jose.nunez.casa@example.es");
        assertThat(messages.conversation(spanish.id())).hasSize(1);

        // the photo is kept as media, byte for byte; the CSV is noted in the raw payload only
        Message graffiti = messages.findByExternalId(ChannelKind.EMAIL, "a1b2c3d4.graffiti@example.com")
                .orElseThrow();
        assertThat(graffiti.text())
                .isEqualTo("Graffiti on the library wall\n\nNew graffiti on the north wall of the"
                        + " public library, photo attached.");
        var media = messages.media(graffiti.id());
        assertThat(media).hasSize(1);
        var content = messages.mediaContent(media.get(0).id()).orElseThrow();
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(content.content()).isEqualTo(attachmentInFixture("library-wall.png"));
        assertThat(raw("a1b2c3d4.graffiti@example.com"))
                .contains("sightings.csv")
                .contains("not an image or PDF");

        // importing the same file again stores nothing twice
        long before = count();
        var again = mailImport.importFiles(List.of(MBOX), null);
        assertThat(again.stored()).isZero();
        assertThat(again.duplicates()).isEqualTo(5);
        assertThat(again.skipped()).isEqualTo(3);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aSingleEmlFileWithoutMessageIdIsImportedOnceUnderAHashOfItsContent() throws Exception {
        Path eml = Files.createTempFile("no-id", ".eml");
        Files.writeString(eml, """
                From: Lee Park <lee.park@example.com>
                To: 311@riverton.example
                Subject: Broken bench in Riverside Park
                Date: Wed, 25 Nov 2026 07:30:00 +0000

                The bench by the fountain has a broken slat.
                """.replace("\n", "\r\n"), StandardCharsets.US_ASCII);
        var first = mailImport.importFiles(List.of(eml), null);
        var second = mailImport.importFiles(List.of(eml), null);
        assertThat(first.stored()).isEqualTo(1);
        assertThat(second.stored()).isZero();
        assertThat(second.duplicates()).isEqualTo(1);
        String id = MailParser.hash(Files.readAllBytes(eml));
        Message bench = messages.findByExternalId(ChannelKind.EMAIL, id).orElseThrow();
        assertThat(bench.text())
                .isEqualTo("Broken bench in Riverside Park\n\nThe bench by the fountain has a broken slat.");
    }

    private String raw(String externalId) {
        return jdbc.sql("SELECT raw::text FROM message WHERE channel = 'email' AND external_id = :id")
                .param("id", externalId)
                .query(String.class)
                .single();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM message WHERE channel = 'email'")
                .query(Long.class)
                .single();
    }

    /** Messages in an mbox, counted here from its separator lines. */
    static int separators(Path mbox) throws Exception {
        return (int) Files.readAllLines(mbox, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("From "))
                .count();
    }

    /** The base64 block of an attachment in the fixture, decoded here independently of Jakarta Mail. */
    static byte[] attachmentInFixture(String fileName) throws Exception {
        String text = Files.readString(MBOX, StandardCharsets.ISO_8859_1);
        int header = text.indexOf("filename=\"" + fileName + "\"");
        int start = text.indexOf("\n\n", header) + 2;
        int end = text.indexOf("\n------=_Part", start);
        return Base64.getMimeDecoder().decode(text.substring(start, end).strip());
    }
}
