package org.civicloop.channels.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTests {

    @TempDir
    Path temp;

    Path file(String content) throws Exception {
        Path f = Files.createTempFile(temp, "t", ".csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsSemicolonsAByteOrderMarkAndLineBreaksInsideQuotes() throws Exception {
        var preview =
                CsvFiles.preview(file("\uFEFFid;text;note\n1;\"two\nlines; and \"\"quotes\"\"\";x\n2;plain;y\n"), 5);
        assertThat(preview.delimiter()).isEqualTo(';');
        assertThat(preview.header()).containsExactly("id", "text", "note");
        assertThat(preview.rows())
                .containsExactly(List.of("1", "two\nlines; and \"quotes\"", "x"), List.of("2", "plain", "y"));
    }

    @Test
    void commasAndTabsAreDetectedToo() throws Exception {
        assertThat(CsvFiles.preview(file("a,b;c\n1,2;3\n"), 1).header()).containsExactly("a", "b;c");
        assertThat(CsvFiles.preview(file("a\tb\n1\t2\n"), 1).header()).containsExactly("a", "b");
    }

    @Test
    void binaryOrNonUtf8FilesAreRefused() throws Exception {
        Path binary = temp.resolve("x.csv");
        Files.write(binary, new byte[] {'a', ',', 'b', '\n', 0, 1, 2});
        assertThatThrownBy(() -> CsvFiles.preview(binary, 1))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("binary");
        Path latin1 = temp.resolve("l.csv");
        Files.write(latin1, "text\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvFiles.preview(latin1, 1))
                .isInstanceOf(InvalidImportException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> CsvFiles.preview(file(""), 1)).hasMessageContaining("empty");
    }

    @Test
    void mappingsAreParsedAndCheckedAgainstTheHeader() {
        var mapping = ImportMapping.parse("text=description, address=location,latitude=y,posted_at=opened");
        assertThat(mapping.columns())
                .containsEntry(ImportField.TEXT, "description")
                .containsEntry(ImportField.ADDRESS, "location")
                .containsEntry(ImportField.LATITUDE, "y")
                .containsEntry(ImportField.POSTED_AT, "opened");
        assertThatThrownBy(() -> ImportMapping.parse("txt=a")).hasMessageContaining("Unknown field \"txt\"");
        assertThatThrownBy(() -> ImportMapping.parse("text")).hasMessageContaining("field=column");
        assertThatThrownBy(() -> ImportMapping.parse("address=a").check(List.of("a")))
                .hasMessageContaining("text column is required");
        assertThatThrownBy(() -> ImportMapping.parse("text=b").check(List.of("a")))
                .hasMessageContaining("No column \"b\"");
        assertThat(ImportMapping.guess(List.of("ID", "Description", "Latitude", "Long", "created_at"))
                        .columns())
                .containsEntry(ImportField.EXTERNAL_ID, "ID")
                .containsEntry(ImportField.TEXT, "Description")
                .containsEntry(ImportField.LATITUDE, "Latitude")
                .containsEntry(ImportField.LONGITUDE, "Long")
                .containsEntry(ImportField.POSTED_AT, "created_at");
    }

    @Test
    void usualDateFormsAreUnderstoodWithoutAFormat() {
        var validator = new RowValidator(
                new ImportOptions(
                        ImportMapping.parse("text=t"), ChannelKind.PHONE, null, ZoneOffset.ofHours(-5), false),
                List.of("t"),
                tools.jackson.databind.json.JsonMapper.builder().build());
        assertThat(validator.parseDate("2016-08-29T12:13:10Z")).isEqualTo(Instant.parse("2016-08-29T12:13:10Z"));
        assertThat(validator.parseDate("2016-08-29T12:13:10+02:00")).isEqualTo(Instant.parse("2016-08-29T10:13:10Z"));
        assertThat(validator.parseDate("2016-08-29 07:13")).isEqualTo(Instant.parse("2016-08-29T12:13:00Z"));
        assertThat(validator.parseDate("8/29/2016 7:13")).isEqualTo(Instant.parse("2016-08-29T12:13:00Z"));
        assertThat(validator.parseDate("2016-08-29")).isEqualTo(Instant.parse("2016-08-29T05:00:00Z"));
        assertThat(validator.parseDate("29.08.2016")).isNull();
    }

    @Test
    void theErrorReportIsSafeToOpenInASpreadsheet() {
        String csv = CsvImporter.errorsAsCsv(List.of(new RowError(2, "=cmd", "bad, \"really\"")));
        assertThat(csv).isEqualTo("row,column,reason\r\n2,'=cmd,\"bad, \"\"really\"\"\"\r\n");
    }
}
