package org.civicloop.channels.csvimport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One CSV row as a message, or the reasons it cannot be one. Every problem of a row is reported,
 * not only the first.
 *
 * <p>External id: the id column's value when one is mapped; otherwise {@code csv-} and a SHA-256
 * of the row's mapped, normalised content (channel, text, name, phone, e-mail, address,
 * coordinates, date), so that importing the same row again — from the same file or another —
 * stores it once.
 */
final class RowValidator {

    static final int MAX_TEXT = 20_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]{5,30}");
    private static final List<DateTimeFormatter> USUAL_LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSS]", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/uuuu h:mm[:ss] a", Locale.ROOT));
    private static final List<DateTimeFormatter> USUAL_DATES =
            List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT));

    /** A row: the message, or what is wrong with it. */
    record Outcome(long row, InboundMessage message, List<RowError> errors) {
        boolean valid() {
            return message != null;
        }
    }

    private final ImportOptions options;
    private final List<String> header;
    private final ObjectMapper json;
    private final DateTimeFormatter format;

    RowValidator(ImportOptions options, List<String> header, ObjectMapper json) {
        options.mapping().check(header);
        this.options = options;
        this.header = header;
        this.json = json;
        this.format =
                options.timeFormat() == null ? null : DateTimeFormatter.ofPattern(options.timeFormat(), Locale.ROOT);
    }

    /** The row number a spreadsheet shows for the {@code index}-th data record (1-based). */
    static long row(long index) {
        return index + 1;
    }

    Outcome validate(long row, CSVRecord record, Instant importedAt) {
        var errors = new ArrayList<RowError>();
        if (record.size() != header.size()) {
            errors.add(new RowError(row, "", "has " + record.size() + " values, the header has " + header.size()));
            return new Outcome(row, null, errors);
        }
        String text = value(record, ImportField.TEXT);
        if (text == null) errors.add(error(row, ImportField.TEXT, "missing text"));
        else if (text.length() > MAX_TEXT)
            errors.add(error(row, ImportField.TEXT, "text longer than " + MAX_TEXT + " characters"));

        ChannelKind channel = options.channel();
        String channelValue = value(record, ImportField.CHANNEL);
        if (channelValue != null) {
            String code =
                    channelValue.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (ChannelKind.isKnown(code)) channel = ChannelKind.fromCode(code);
            else errors.add(error(row, ImportField.CHANNEL, "unknown channel \"" + clip(channelValue) + "\""));
        }

        String externalId = null;
        if (options.mapping().column(ImportField.EXTERNAL_ID).isPresent()) {
            externalId = value(record, ImportField.EXTERNAL_ID);
            if (externalId == null) errors.add(error(row, ImportField.EXTERNAL_ID, "missing id"));
            else if (externalId.length() > 200)
                errors.add(error(row, ImportField.EXTERNAL_ID, "id longer than 200 characters"));
        }

        String email = value(record, ImportField.EMAIL);
        if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 254)) {
            errors.add(error(row, ImportField.EMAIL, "not an e-mail address: \"" + clip(email) + "\""));
        }
        String phone = value(record, ImportField.PHONE);
        if (phone != null
                && (!PHONE.matcher(phone).matches()
                        || phone.chars().filter(Character::isDigit).count() < 5)) {
            errors.add(error(row, ImportField.PHONE, "not a phone number: \"" + clip(phone) + "\""));
        }

        Double lat = number(row, record, ImportField.LATITUDE, 90, errors);
        Double lng = number(row, record, ImportField.LONGITUDE, 180, errors);
        if ((lat == null) != (lng == null) && !hasError(errors, ImportField.LATITUDE, ImportField.LONGITUDE)) {
            errors.add(
                    lat == null
                            ? error(row, ImportField.LATITUDE, "longitude without latitude")
                            : error(row, ImportField.LONGITUDE, "latitude without longitude"));
        }

        Instant postedAt = importedAt;
        if (options.mapping().column(ImportField.POSTED_AT).isPresent()) {
            String date = value(record, ImportField.POSTED_AT);
            if (date == null) {
                errors.add(error(row, ImportField.POSTED_AT, "missing date"));
            } else {
                postedAt = parseDate(date);
                if (postedAt == null) {
                    errors.add(error(
                            row,
                            ImportField.POSTED_AT,
                            "unparseable date \"" + clip(date) + "\""
                                    + (format == null ? "" : " (expected " + options.timeFormat() + ")")));
                }
            }
        }

        if (!errors.isEmpty()) return new Outcome(row, null, errors);

        String name = value(record, ImportField.AUTHOR_NAME);
        String address = value(record, ImportField.ADDRESS);
        GeoPoint location = GeoPoint.ofNullable(lat, lng);
        if (externalId == null) {
            externalId = "csv-"
                    + hash(
                            channel.code(),
                            text,
                            name,
                            phone,
                            email,
                            address,
                            lat == null ? null : lat.toString(),
                            lng == null ? null : lng.toString(),
                            options.mapping().column(ImportField.POSTED_AT).isPresent() ? postedAt.toString() : null);
        }
        var contact = new InboundMessage.Contact(email, phone);
        var message = new InboundMessage(
                channel,
                externalId,
                null,
                name,
                text,
                null,
                postedAt,
                null,
                null,
                address,
                location,
                contact.isEmpty() ? null : contact,
                List.of(),
                raw(record));
        return new Outcome(row, message, List.of());
    }

    private String value(CSVRecord record, ImportField field) {
        return options.mapping()
                .column(field)
                .map(c -> {
                    String v = record.get(c);
                    return v == null || v.isBlank() ? null : v.strip();
                })
                .orElse(null);
    }

    private Double number(long row, CSVRecord record, ImportField field, double limit, List<RowError> errors) {
        String v = value(record, field);
        if (v == null) return null;
        double d;
        try {
            d = Double.parseDouble(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(error(row, field, "not a number: \"" + clip(v) + "\""));
            return null;
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || d < -limit || d > limit) {
            errors.add(error(
                    row,
                    field,
                    (field == ImportField.LATITUDE ? "latitude" : "longitude") + " out of range (-" + (int) limit
                            + " to " + (int) limit + "): " + clip(v)));
            return null;
        }
        return d;
    }

    Instant parseDate(String value) {
        if (format != null) return parseWith(format, value);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // not ISO with an offset
        }
        try {
            return ZonedDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // not ISO with a zone
        }
        for (DateTimeFormatter f : USUAL_LOCAL) {
            try {
                return LocalDateTime.parse(value, f).atZone(options.zone()).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : USUAL_DATES) {
            try {
                return LocalDate.parse(value, f).atStartOfDay(options.zone()).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private Instant parseWith(DateTimeFormatter f, String value) {
        try {
            TemporalAccessor t =
                    f.parseBest(value, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof ZonedDateTime z) return z.toInstant();
            if (t instanceof OffsetDateTime o) return o.toInstant();
            if (t instanceof LocalDateTime l) return l.atZone(options.zone()).toInstant();
            return ((LocalDate) t).atStartOfDay(options.zone()).toInstant();
        } catch (DateTimeParseException | ClassCastException e) {
            return null;
        }
    }

    private String raw(CSVRecord record) {
        ObjectNode node = json.createObjectNode();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++)
            values.put(header.get(i).isEmpty() ? "column" + (i + 1) : header.get(i), record.get(i));
        values.forEach(node::put);
        node.put("_row", record.getRecordNumber());
        return json.writeValueAsString(node);
    }

    private RowError error(long row, ImportField field, String reason) {
        return new RowError(row, options.mapping().column(field).orElse(""), reason);
    }

    private boolean hasError(List<RowError> errors, ImportField... fields) {
        for (ImportField f : fields) {
            String column = options.mapping().column(f).orElse(null);
            if (errors.stream().anyMatch(e -> e.column().equals(column))) return true;
        }
        return false;
    }

    private static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1F);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
