package org.civicloop.triage.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.civicloop.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The 430 real resident reports of {@code triage/newport-311-dev.csv} are full of street numbers,
 * dates, times, prices and years: nothing in them may be redacted except the three pieces of
 * personal data found there by reading every report (listed by report id and position, so the
 * values themselves are not repeated here).
 */
class NewportReportsRedactionTests {

    record Expected(String id, PersonalDataType type, int start, int end) {}

    static final List<Expected> EXPECTED = List.of(
            new Expected("2897365", PersonalDataType.EMAIL, 274, 294), // a resident's address after "Thanks ,"
            new Expected("3037400", PersonalDataType.PHONE, 275, 287), // NNN-NNN-NNNN after the resident's name
            new Expected("3120402", PersonalDataType.PHONE, 588, 596)); // "contact me at work NNN-NNNN"

    static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]+");
    static final Pattern PHONE_SHAPE = Pattern.compile("(\\d{3}-)?\\d{3}-\\d{4}");

    @Test
    void onlyThePersonalDataFoundByHandIsRedacted() throws Exception {
        var redactor = new PersonalDataRedactor("US");
        var found = new ArrayList<Expected>();
        int reports = 0;
        Path file = SharedData.path("triage/newport-311-dev.csv");
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (var parser = CSVParser.parse(file, StandardCharsets.UTF_8, format)) {
            for (var record : parser) {
                reports++;
                String id = record.get("id"), text = record.get("text");
                var redaction = redactor.redact(text);
                for (Finding f : redaction.findings()) {
                    found.add(new Expected(id, f.type(), f.start(), f.end()));
                    String value = text.substring(f.start(), f.end());
                    var shape = f.type() == PersonalDataType.EMAIL ? EMAIL_SHAPE : PHONE_SHAPE;
                    assertThat(value).as("report %s %s", id, f.type()).matches(shape);
                    assertThat(redaction.text())
                            .doesNotContain(value)
                            .contains(f.type().placeholder());
                }
                if (redaction.findings().isEmpty()) assertThat(redaction.text()).isEqualTo(text);
            }
        }
        assertThat(reports).isEqualTo(430);
        assertThat(found).containsExactlyElementsOf(EXPECTED);
    }
}
