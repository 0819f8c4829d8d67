package org.civicloop.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxTests {

    static List<String> read(String mbox) throws Exception {
        var out = new ArrayList<String>();
        Mbox.read(
                new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)),
                (i, bytes) -> out.add(new String(bytes, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void messagesAreSplitAtFromLinesAfterAnEmptyLineAndLoseTheSeparatorsEmptyLine() throws Exception {
        var messages = read("From a@x Mon Nov 23 10:00:00 2026\nSubject: one\n\nbody one\n\n"
                + "From b@x Mon Nov 23 11:00:00 2026\nSubject: two\n\nbody two\n");
        assertThat(messages).containsExactly("Subject: one\n\nbody one\n", "Subject: two\n\nbody two\n");
    }

    @Test
    void mboxrdEscapesLoseOneQuoteAndAFromLineInsideAParagraphIsNotASeparator() throws Exception {
        var messages = read(
                "From a@x Mon Nov 23 10:00:00 2026\nSubject: one\n\n"
                        + ">From here it looks bad.\n>>From a quote.\nline\nFrom inside a paragraph (mboxo would not escape it)\n");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0))
                .isEqualTo("Subject: one\n\nFrom here it looks bad.\n>From a quote.\nline\n"
                        + "From inside a paragraph (mboxo would not escape it)\n");
    }

    @Test
    void windowsLineEndsAreKept() throws Exception {
        var messages = read("From a@x Mon Nov 23 10:00:00 2026\r\nSubject: one\r\n\r\nbody\r\n\r\n"
                + "From b@x Mon Nov 23 10:00:00 2026\r\nSubject: two\r\n\r\nbody\r\n");
        assertThat(messages).containsExactly("Subject: one\r\n\r\nbody\r\n", "Subject: two\r\n\r\nbody\r\n");
    }

    @Test
    void countingAndDetectionAgreeWithTheFixture(@TempDir Path dir) throws Exception {
        Path fixture = Path.of("src/test/resources/email/riverton-311.mbox");
        assertThat(Mbox.isMbox(fixture)).isTrue();
        assertThat(Mbox.count(fixture)).isEqualTo(EmailImportIntegrationTests.separators(fixture));
        Path eml = dir.resolve("one.eml");
        Files.writeString(eml, "Subject: hi\r\n\r\nFrom me\r\n");
        assertThat(Mbox.isMbox(eml)).isFalse();
    }
}
