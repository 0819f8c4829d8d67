package org.civicloop.triage.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataRedactorTests {

    static final PersonalDataRedactor redactor = new PersonalDataRedactor("US");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // e-mail addresses
                "write to jane.doe+city@example.org please | write to [email] please",
                "Maria.López@correo.es dijo | [email] dijo",
                // phone numbers of the region, in the ways people write them
                "call me at (401) 846-1234 | call me at [phone]",
                "my cell 401-846-1234. | my cell [phone].",
                "text 401.846.1234 anytime | text [phone] anytime",
                "4018461234 is my number | [phone] is my number",
                "+1 401 846 1234 | [phone]",
                "abroad: +44 20 7946 0958 | abroad: [phone]",
                "feel free to contact me at work 849-1319. Mark | feel free to contact me at work [phone]. Mark",
                "call 847.1470 after 5 | call [phone] after 5",
                // payment cards: Luhn-valid, with spaces, dashes or none
                "card 4111 1111 1111 1111 exp 12/27 | card [card] exp 12/27",
                "5555-5555-5555-4444 | [card]",
                "amex 378282246310005 | amex [card]",
                "6011111111111117 was charged twice | [card] was charged twice",
                // social security numbers and ITINs
                "SSN 123-45-6789 | SSN [ssn]",
                "my ssn is 123456789 | my ssn is [ssn]",
                "social security number: 078 05 1120 | social security number: [ssn]",
                "ITIN 912-70-1234 | ITIN [itin]",
                // IBANs, with or without spaces
                "IBAN DE89 3704 0044 0532 0130 00 thanks | IBAN [iban] thanks",
                "pay GB82WEST12345698765432 | pay [iban]",
                "IBAN: IT60 X054 2811 1010 0000 0123 456 | IBAN: [iban]",
                // dates of birth only when labelled
                "DOB: 04/12/1986 | DOB: [dob]",
                "born on March 3, 1990 in Newport | born on [dob] in Newport",
                "date of birth 1986-04-12 | date of birth [dob]",
            })
    void redacts(String text, String expected) {
        assertThat(redactor.redact(text).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Pothole in front of 1234 Elm St, Newport RI 02840",
                "zip 02840-1234",
                "Case CL-26-00123 was closed",
                "your reference is M-ABCD-EFGH",
                "reported on 2024-05-01 at 3:30 pm",
                "on 05/01/2024 and again 5/2/24",
                "the fee went from $1,234.56 to $45.00",
                "it has been like this since 2009, and in 2017 too",
                "between 2009-2017 nothing was done",
                "Route 138 near exit 4, 35 mph zone",
                "call 911 now",
                "lat 41.4901, lng -71.3128",
                "ISBN 978-3-16-148410-0",
                "4111 1111 1111 1112 is not a card (Luhn fails)",
                "1234 5678 9012 3456",
                "000-12-3456 and 666-12-3456 and 900-12-3456 and 123-00-4567 and 123-45-0000",
                "order 123456789 shipped",
                "follow @alice@mastodon.social for updates",
                "DE89 3704 0044 0532 0130 01 is a wrong IBAN",
                "she was born in 1990",
                "my dog was born 3 years ago",
                "meeting 12/14 at 7pm, room 201",
                "Parcel 12-345-678 and lot 22",
                "555-1234",
                "we counted 849-1319 cars",
                "Posted 2015-06-12 14:30:00 by user 482913",
                "IMG_20170612_143000.jpg",
                "25 Bellevue Ave, 3rd floor, unit 12B",
            })
    void leavesAlone(String text) {
        var redaction = redactor.redact(text);
        assertThat(redaction.findings()).as(text).isEmpty();
        assertThat(redaction.text()).isSameAs(text);
    }

    @Test
    void findingsSayWhatAndWhereInTheOriginalText() {
        String text = "Call 401-846-1234 or mail bob@example.com, SSN 123-45-6789.";
        var redaction = redactor.redact(text);
        assertThat(redaction.findings())
                .extracting(Finding::type)
                .containsExactly(PersonalDataType.PHONE, PersonalDataType.EMAIL, PersonalDataType.SSN);
        var phone = redaction.findings().get(0);
        assertThat(text.substring(phone.start(), phone.end())).isEqualTo("401-846-1234");
        var email = redaction.findings().get(1);
        assertThat(text.substring(email.start(), email.end())).isEqualTo("bob@example.com");
        var ssn = redaction.findings().get(2);
        assertThat(text.substring(ssn.start(), ssn.end())).isEqualTo("123-45-6789");
        assertThat(redaction.text()).isEqualTo("Call [phone] or mail [email], SSN [ssn].");
        // a finding never carries the value
        assertThat(redaction.findings().toString()).doesNotContain("846", "bob", "6789");
    }

    @Test
    void overlappingCandidatesKeepTheLongest() {
        // digits inside an e-mail address are not a phone number
        assertThat(redactor.redact("4018461234@txt.example.net").text()).isEqualTo("[email]");
        // a card number is not read as phone numbers
        assertThat(redactor.redact("4111-1111-1111-1111").findings())
                .extracting(Finding::type)
                .containsExactly(PersonalDataType.CARD);
    }

    @Test
    void theRegionDecidesWhichLocalNumbersArePhoneNumbers() {
        var german = new PersonalDataRedactor("de");
        assertThat(german.region()).isEqualTo("DE");
        assertThat(german.redact("Ruf mich an: 030 1234567").text()).isEqualTo("Ruf mich an: [phone]");
        assertThat(redactor.redact("Ruf mich an: 030 1234567").findings()).isEmpty();
        assertThatThrownBy(() -> new PersonalDataRedactor("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksums() {
        assertThat(PersonalDataRedactor.luhn("4111111111111111")).isTrue();
        assertThat(PersonalDataRedactor.luhn("4111111111111112")).isFalse();
        assertThat(PersonalDataRedactor.mod97("DE89370400440532013000")).isEqualTo(1);
        assertThat(PersonalDataRedactor.mod97("DE89370400440532013001")).isNotEqualTo(1);
        assertThat(PersonalDataRedactor.taxNumberType("078", "05", "1120")).isEqualTo(PersonalDataType.SSN);
        assertThat(PersonalDataRedactor.taxNumberType("666", "05", "1120")).isNull();
        assertThat(PersonalDataRedactor.taxNumberType("912", "93", "1120")).isNull();
        assertThat(PersonalDataRedactor.taxNumberType("912", "94", "1120")).isEqualTo(PersonalDataType.ITIN);
    }

    @Test
    void emptyAndNullText() {
        assertThat(redactor.redact(null)).isEqualTo(new Redaction("", List.of()));
        assertThat(redactor.redact("").findings()).isEmpty();
    }
}
