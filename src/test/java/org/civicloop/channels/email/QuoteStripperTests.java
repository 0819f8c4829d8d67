package org.civicloop.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuoteStripperTests {

    static final String OWN = "The streetlight on Oak Ave is still out.\nPlease send someone.";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "On Mon, Nov 23, 2026 at 9:14 AM Riverton 311 <311@riverton.example> wrote:",
                "On 23 Nov 2026, at 09:14, Riverton 311 <311@riverton.example> wrote:",
                "On 11/23/2026 9:14 AM, Riverton 311 wrote:",
                "El lun, 23 nov 2026 a las 9:14, Riverton 311 (<311@riverton.example>) escribió:",
                "El 23/11/2026 a las 9:14, Riverton 311 escribio:",
                "Le lun. 23 nov. 2026 à 09:14, Riverton 311 <311@riverton.example> a écrit :",
                "Le 23/11/2026 à 09:14, Riverton 311 a écrit:",
                "Am Mo., 23. Nov. 2026 um 09:14 Uhr schrieb Riverton 311 <311@riverton.example>:",
                "Am 23.11.2026 um 09:14 schrieb Riverton 311:",
                "Riverton 311 <311@riverton.example> wrote:",
            })
    void attributionLinesAndTheQuoteUnderThemAreCut(String attribution) {
        String mail = OWN + "\n\n" + attribution + "\n> Thank you for your report.\n> It has reference R-1234.\n";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(OWN);
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsCut() {
        String mail = OWN + "\n\nOn Mon, Nov 23, 2026 at 9:14 AM Riverton Public Works Department <\n"
                + "publicworks@riverton.example> wrote:\n\n> We will look at it.\n";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(OWN);
    }

    @Test
    void aSentenceThatMerelyStartsWithOnAndEndsWithWroteIsKept() {
        // no date, no address: a resident's own sentence, not an attribution
        String mail = "On the petition I wrote:\nplease fix the crossing at Main and 5th.";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(mail);
    }

    @Test
    void outlookOriginalMessageSeparatorsInEveryLanguageCutTheRest() {
        for (String separator : new String[] {
            "-----Original Message-----",
            "-----Mensaje original-----",
            "-----Message d'origine-----",
            "-----Ursprüngliche Nachricht-----",
            "-------- Original Message --------"
        }) {
            String mail = OWN + "\n\n" + separator + "\nFrom: Riverton 311\nSent: Monday\nTo: Ana\n\nThank you.";
            assertThat(QuoteStripper.strip(mail)).as(separator).isEqualTo(OWN);
        }
    }

    @Test
    void outlookHeaderBlocksWithoutSeparatorAreCutWithTheLineAboveThem() {
        String en = OWN + "\n\n________________________________\nFrom: Riverton 311 <311@riverton.example>\n"
                + "Sent: Monday, November 23, 2026 9:14 AM\nTo: Ana Pérez <ana@example.org>\n"
                + "Subject: RE: Streetlight\n\nWe have received your report.";
        String es = OWN + "\n\nDe: Riverton 311 <311@riverton.example>\nEnviado: lunes, 23 de noviembre de 2026 9:14\n"
                + "Para: Ana Pérez\nAsunto: RE: Farola\n\nHemos recibido su reporte.";
        String fr = OWN + "\n\nDe : Riverton 311 <311@riverton.example>\nEnvoyé : lundi 23 novembre 2026 09:14\n"
                + "À : Ana Pérez\nObjet : RE: Lampadaire\n\nNous avons reçu votre signalement.";
        String de = OWN + "\n\nVon: Riverton 311 <311@riverton.example>\nGesendet: Montag, 23. November 2026 09:14\n"
                + "An: Ana Pérez\nBetreff: AW: Straßenlaterne\n\nWir haben Ihre Meldung erhalten.";
        assertThat(QuoteStripper.strip(en)).isEqualTo(OWN);
        assertThat(QuoteStripper.strip(es)).isEqualTo(OWN);
        assertThat(QuoteStripper.strip(fr)).isEqualTo(OWN);
        assertThat(QuoteStripper.strip(de)).isEqualTo(OWN);
    }

    @Test
    void aSingleFromLineInTheTextIsNotAHeaderBlock() {
        String mail = "From: the corner of Elm and 3rd, the hydrant is leaking.\nIt has been two days.";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(mail);
    }

    @Test
    void theSignatureAfterTheDelimiterIsRemoved() {
        String mail = OWN + "\n\n-- \nAna Pérez\n12 Oak Ave\n555-0100\n";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(OWN);
        String withoutSpace = OWN + "\n--\nAna\n";
        assertThat(QuoteStripper.strip(withoutSpace)).isEqualTo(OWN);
    }

    @Test
    void aDelimiterFollowedByALongTextIsNotASignature() {
        String mail = "Intro\n--\n" + "line\n".repeat(20);
        assertThat(QuoteStripper.strip(mail)).contains("Intro").contains("line");
        assertThat(QuoteStripper.strip(mail).lines().filter("line"::equals).count())
                .isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sent from my iPhone",
                "Sent from my Samsung Galaxy smartphone.",
                "Get Outlook for Android",
                "Sent from Outlook for iOS",
                "Enviado desde mi iPhone",
                "Envoyé de mon iPad",
                "Von meinem iPhone gesendet",
                "Gesendet von meinem Android"
            })
    void mobileFootersAtTheEndAreRemoved(String footer) {
        assertThat(QuoteStripper.strip(OWN + "\n\n" + footer + "\n")).isEqualTo(OWN);
    }

    @Test
    void aFooterLikeSentenceInTheMiddleIsKept() {
        String mail = "Sent from my iPhone\nthe photo shows the pothole.\nThanks";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(mail);
    }

    @Test
    void quotedLinesAreRemovedEvenInterleavedAndTheResidentsAnswersStay() {
        String mail = "> Which street?\nOak Avenue, near number 12.\n> Since when?\nSince last Friday.";
        assertThat(QuoteStripper.strip(mail)).isEqualTo("Oak Avenue, near number 12.\nSince last Friday.");
    }

    @Test
    void footerSignatureAndHistoryTogether() {
        String mail = OWN
                + "\n\nSent from my iPhone\n\nOn Nov 23, 2026, at 09:14, Riverton 311 <311@riverton.example> wrote:\n"
                + "> Thanks\n> -- \n> Riverton 311\n";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(OWN);
    }

    @Test
    void aForwardedMessageIsKept() {
        String mail = "See below, this keeps happening.\n\n---------- Forwarded message ---------\n"
                + "From: Neighbour <n@example.org>\nDate: Mon, Nov 23, 2026\nSubject: noise\nTo: Ana\n\nThe bins are never emptied.";
        // the forwarded header block looks like a quoted one, but forwarded content is the resident's point
        assertThat(QuoteStripper.strip(mail)).isEqualTo(mail);
    }

    @Test
    void aMessageThatIsOnlyAQuoteIsKeptWhole() {
        String mail = "> The pothole on Elm St is back.\n> Ana";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(mail);
    }

    @Test
    void windowsLineEndsAreHandled() {
        String mail =
                OWN.replace("\n", "\r\n") + "\r\n\r\nOn Mon, Nov 23, 2026 at 9:14 AM X <x@y.z> wrote:\r\n> old\r\n";
        assertThat(QuoteStripper.strip(mail)).isEqualTo(OWN);
    }
}
