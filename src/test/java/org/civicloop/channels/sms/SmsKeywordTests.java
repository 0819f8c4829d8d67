package org.civicloop.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** STOP / START / HELP as carriers define them, and phone numbers as one key. */
class SmsKeywordTests {

    @ParameterizedTest
    @CsvSource({
        "STOP,STOP",
        "stop,STOP",
        "'  Stop  ',STOP",
        "STOPALL,STOP",
        "unsubscribe,STOP",
        "Cancel,STOP",
        "END,STOP",
        "quit,STOP",
        "START,START",
        "yes,START",
        "Unstop,START",
        "HELP,HELP",
        "info,HELP",
        "'\tHelp\n',HELP"
    })
    void wholeMessageKeywordsInAnyCase(String body, SmsKeyword expected) {
        assertThat(SmsKeyword.of(body)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop texting me", "Please STOP", "STOP!", "no", "the light at Elm & 5th is out", "", " "})
    void sentencesAreMessagesNotKeywords(String body) {
        assertThat(SmsKeyword.of(body)).isEmpty();
    }

    @Test
    void nullIsNoKeyword() {
        assertThat(SmsKeyword.of(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "+14155550123,+14155550123",
        "(415) 555-0123,+14155550123",
        "415.555.0123,+14155550123",
        "1 415 555 0123,+14155550123",
        "+44 20 7946 0018,+442079460018",
        "0044 20 7946 0018,+442079460018"
    })
    void phoneNumbersBecomeE164(String raw, String e164) {
        assertThat(PhoneNumbers.e164(raw, "1")).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "call me", "555", "+1 415 555 0123 ext 4", "ana@example.org"})
    void whatIsNotAPhoneNumberIsRefused(String raw) {
        assertThat(PhoneNumbers.e164(raw, "1")).isEmpty();
    }
}
