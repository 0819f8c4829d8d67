package org.civicloop.channels.x;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XReplySenderTests {

    @Test
    void linksWeighTwentyThreeAndWideCharactersTwo() {
        assertThat(XReplySender.weight("abc")).isEqualTo(3);
        assertThat(XReplySender.weight("see https://riverton.example.gov/cases/C-1042/with/a/long/path"))
                .isEqualTo(4 + 23);
        assertThat(XReplySender.weight("道路")).isEqualTo(4);
        assertThat(XReplySender.weight("ñandú")).isEqualTo(5);
    }

    @Test
    void aShortTextIsLeftAlone() {
        String text = "Thank you, we opened case C-1042: https://riverton.example.gov/cases/C-1042";
        assertThat(XReplySender.fit(text)).isEqualTo(text);
    }

    @Test
    void aLongTextIsCutBeforeItsLinkToTheCasePage() {
        String link = "https://riverton.example.gov/cases/C-1042";
        String text = "We received your report. ".repeat(20) + "Follow it at " + link;
        String fitted = XReplySender.fit(text);
        assertThat(XReplySender.weight(fitted)).isLessThanOrEqualTo(280).isGreaterThan(270);
        assertThat(fitted).endsWith("… " + link).startsWith("We received your report. We received");
    }

    @Test
    void aLongTextWithoutLinkIsCutAtTheEnd() {
        String fitted = XReplySender.fit("道".repeat(200));
        assertThat(XReplySender.weight(fitted)).isLessThanOrEqualTo(280);
        assertThat(fitted).endsWith("…").hasSize(140);
    }
}
