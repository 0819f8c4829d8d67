package org.civicloop.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MailParserTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    final MailParser parser = new MailParser(JSON, Set.of("311@riverton.example"), 1000, 2, 2000);

    MailParser.Result parse(String raw) {
        return parser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), null, NOW, "test");
    }

    static String mail(String headers, String body) {
        return "From: Lee <lee@example.org>\nTo: 311@riverton.example\nSubject: Bench\n" + headers
                + "Content-Type: text/plain; charset=UTF-8\n\n" + body;
    }

    @Test
    void messageIdsAreNormalisedTheSameWayInEveryHeader() {
        var result = (MailParser.Resident) parse(mail(
                "Message-ID:   < abc.123@example.org >\nIn-Reply-To: <p1@x.org> (comment)\n"
                        + "References: <root@x.org>\n <p1@x.org>\n",
                "Broken slat."));
        // a Message-ID with spaces inside brackets is not a valid id: hashed instead
        assertThat(result.externalId()).startsWith(MailParser.HASH_PREFIX);
        assertThat(result.message().threadRefs()).containsExactly("p1@x.org", "root@x.org");
        assertThat(result.message().replyTo()).isEqualTo("p1@x.org");
        assertThat(MailParser.normalise(" <abc@x.org> ")).isEqualTo("abc@x.org");
        assertThat(MailParser.normalise("abc@x.org")).isEqualTo("abc@x.org");
        var clean = (MailParser.Resident) parse(mail("Message-ID: <abc.123@example.org>\n", "x"));
        assertThat(clean.externalId()).isEqualTo("abc.123@example.org");
    }

    @Test
    void withoutMessageIdTheIdIsAStableHashOfTheRawMessage() {
        String raw = mail("", "Broken slat.");
        var one = parse(raw);
        var two = parse(raw);
        var other = parse(raw + "!");
        assertThat(one.externalId()).startsWith("sha256:").isEqualTo(two.externalId());
        assertThat(other.externalId()).isNotEqualTo(one.externalId());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Auto-Submitted: auto-generated\n",
                "Auto-Submitted: auto-replied\n",
                "Precedence: bulk\n",
                "Precedence: auto_reply\n",
                "X-Autoreply: yes\n",
                "X-Autorespond: Out of office\n",
                "Return-Path: <>\n",
                "X-Failed-Recipients: a@b.c\n"
            })
    void automaticMailIsSkipped(String header) {
        var result = parse(mail(header + "Message-ID: <auto@x.org>\n", "I am away."));
        assertThat(result).isInstanceOf(MailParser.Skipped.class);
        assertThat(((MailParser.Skipped) result).reason()).isEqualTo(MailParser.Reason.AUTOMATIC);
    }

    @Test
    void autoSubmittedNoIsAPersonsMessageAndMailerDaemonIsNot() {
        assertThat(parse(mail("Auto-Submitted: no\n", "Hello"))).isInstanceOf(MailParser.Resident.class);
        var daemon = parse("From: MAILER-DAEMON@mx.example.org\nSubject: failure\n\nundeliverable\n");
        assertThat(((MailParser.Skipped) daemon).reason()).isEqualTo(MailParser.Reason.AUTOMATIC);
        var own = parse("From: Riverton 311 <311@Riverton.example>\nSubject: Re: x\n\nThanks\n");
        assertThat(((MailParser.Skipped) own).reason()).isEqualTo(MailParser.Reason.OWN);
    }

    @Test
    void aReplyKeepsItsOwnWordsWithoutTheSubjectAndTheFirstMessageStartsWithIt() {
        var first = (MailParser.Resident) parse(mail("Message-ID: <f@x.org>\n", "The bench is broken."));
        assertThat(first.message().text()).isEqualTo("Bench\n\nThe bench is broken.");
        var reply = (MailParser.Resident)
                parse(
                        mail(
                                "Message-ID: <r@x.org>\nIn-Reply-To: <f@x.org>\n",
                                "Still broken.\n\nOn Wed, Nov 25, 2026 at 9:00 AM Lee <lee@example.org> wrote:\n> The bench is broken.\n"));
        assertThat(reply.message().text()).isEqualTo("Still broken.");
        assertThat(reply.message().authorHandle()).isEqualTo("lee@example.org");
        assertThat(reply.message().contact().email()).isEqualTo("lee@example.org");
    }

    @Test
    void htmlOnlyMailIsMadePlainAndItsBlockquotedHistoryStripped() {
        String raw = "From: a@b.org\nSubject: Re: Lamp\nMessage-ID: <h@x.org>\nIn-Reply-To: <l@x.org>\n"
                + "Content-Type: text/html; charset=UTF-8\n\n"
                + "<div>Still <b>dark</b> &amp; unsafe.<br>Please hurry.</div><style>div{}</style>"
                + "<div class=gmail_quote>On Tue, Nov 24, 2026 at 9:00 AM City &lt;311@riverton.example&gt; wrote:"
                + "<blockquote><p>We will send a crew.</p></blockquote></div>\n";
        var result = (MailParser.Resident) parse(raw);
        assertThat(result.message().text()).isEqualTo("Still dark & unsafe.\nPlease hurry.");
        assertThat(HtmlText.of("<p>a</p><blockquote><p>b</p><blockquote>c</blockquote></blockquote>"))
                .isEqualTo("a\n> b\n> > c");
    }

    @Test
    void multipartAlternativePrefersThePlainTextPart() {
        String raw = "From: a@b.org\nSubject: Tree\nMessage-ID: <alt@x.org>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=\"a\"\n\n"
                + "--a\nContent-Type: text/plain; charset=UTF-8\n\nPlain words\n"
                + "--a\nContent-Type: text/html; charset=UTF-8\n\n<p>HTML words</p>\n--a--\n";
        var result = (MailParser.Resident) parse(raw);
        assertThat(result.message().text()).isEqualTo("Tree\n\nPlain words");
    }

    @Test
    void formatFlowedLinesAreJoined() {
        String raw = "From: a@b.org\nSubject: Flow\nMessage-ID: <fl@x.org>\n"
                + "Content-Type: text/plain; charset=UTF-8; format=flowed\n\n"
                + "This is one long \nsentence that was wrapped.\n\n-- \nA\n";
        var result = (MailParser.Resident) parse(raw);
        assertThat(result.message().text()).isEqualTo("Flow\n\nThis is one long sentence that was wrapped.");
    }

    @Test
    void anUnknownCharsetFallsBackToUtf8OrWindows1252() {
        String raw = "From: a@b.org\nSubject: x\nMessage-ID: <cs@x.org>\nContent-Type: text/plain; charset=x-unknown\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nCaf=E9 ferm=E9\n";
        var result = (MailParser.Resident) parse(raw);
        assertThat(result.message().text()).endsWith("Café fermé");
        assertThat(MailParser.decode("Straße".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("Straße");
    }

    @Test
    void attachmentsAboveTheLimitsAreNotedNotKept() throws Exception {
        String small = java.util.Base64.getEncoder().encodeToString(new byte[100]);
        String big = java.util.Base64.getEncoder().encodeToString(new byte[1500]);
        String raw = "From: a@b.org\nSubject: photos\nMessage-ID: <att@x.org>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSee photos\n"
                + part("image/jpeg", "a.jpg", small) + part("image/jpeg", "big.jpg", big)
                + part("application/octet-stream", "scan.PDF", small) + part("image/png", "third.png", small)
                + "--b--\n";
        var result = (MailParser.Resident) parse(raw);
        assertThat(result.message().media())
                .extracting(m -> m.fileName() + " " + m.contentType())
                .containsExactly("a.jpg image/jpeg", "scan.PDF application/pdf");
        JsonNode payload = JSON.readTree(result.message().rawPayload());
        assertThat(payload.get("attachments").toString())
                .contains("larger than 1000 bytes")
                .contains("more than 2 attachments");
    }

    @Test
    void theRawPayloadIsBoundedJson() throws Exception {
        String body = "x".repeat(5000);
        var result = (MailParser.Resident) parse(mail("Message-ID: <big@x.org>\n", body));
        JsonNode payload = JSON.readTree(result.message().rawPayload());
        assertThat(payload.get("eml").asString()).hasSize(2000);
        assertThat(payload.get("truncated").asBoolean()).isTrue();
        assertThat(payload.get("headers").get("Subject").get(0).asString()).isEqualTo("Bench");
    }

    @Test
    void garbageIsReportedAsUnreadableOrKeptNeverThrown() {
        var result = parser.parse(new byte[] {0, 1, 2, 3, (byte) 0xff}, null, NOW, "test");
        // no headers at all: Jakarta Mail reads it as a message with an odd body; nothing throws
        assertThat(result.externalId()).startsWith("sha256:");
    }

    static String part(String type, String name, String base64) {
        return "--b\nContent-Type: " + type + "; name=\"" + name + "\"\nContent-Disposition: attachment; filename=\""
                + name + "\"\nContent-Transfer-Encoding: base64\n\n" + base64 + "\n";
    }
}
