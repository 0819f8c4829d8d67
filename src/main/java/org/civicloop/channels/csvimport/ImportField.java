package org.civicloop.channels.csvimport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a CSV column can be imported as. Only {@link #TEXT} is required. */
public enum ImportField {
    TEXT("text", List.of("text", "description", "body", "message", "comment", "comments", "details", "notes")),
    EXTERNAL_ID("id", List.of("id", "external_id", "ticket", "ticket_id", "case_id", "call_id", "record_id")),
    AUTHOR_NAME("name", List.of("name", "author", "author_name", "caller", "caller_name", "resident", "visitor")),
    PHONE("phone", List.of("phone", "phone_number", "telephone", "tel", "caller_phone")),
    EMAIL("email", List.of("email", "e-mail", "mail", "email_address")),
    ADDRESS("address", List.of("address", "location", "street", "street_address")),
    LATITUDE("lat", List.of("lat", "latitude", "y")),
    LONGITUDE("lng", List.of("lng", "lon", "long", "longitude", "x")),
    POSTED_AT(
            "posted_at",
            List.of("posted_at", "created_at", "date", "datetime", "time", "timestamp", "received", "opened")),
    CHANNEL("channel", List.of("channel", "source", "medium"));

    private final String code;
    private final List<String> usualHeaders;

    ImportField(String code, List<String> usualHeaders) {
        this.code = code;
        this.usualHeaders = usualHeaders;
    }

    /** The name used in {@code --map} and in forms: {@code text}, {@code id}, {@code posted_at}… */
    public String code() {
        return code;
    }

    public boolean required() {
        return this == TEXT;
    }

    /** Also accepts the enum name and a few spellings ({@code external_id}, {@code latitude}…). */
    public static Optional<ImportField> fromCode(String code) {
        if (code == null) return Optional.empty();
        String c = code.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ImportField field : values()) {
            if (field.code.equals(c) || field.name().toLowerCase(Locale.ROOT).equals(c)) return Optional.of(field);
        }
        return switch (c) {
            case "latitude" -> Optional.of(LATITUDE);
            case "longitude", "lon" -> Optional.of(LONGITUDE);
            case "author", "author_name" -> Optional.of(AUTHOR_NAME);
            case "e_mail", "mail" -> Optional.of(EMAIL);
            case "date", "time", "created_at" -> Optional.of(POSTED_AT);
            default -> Optional.empty();
        };
    }

    /** Whether a header looks like this field (to preselect the mapping). */
    boolean looksLike(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        return usualHeaders.contains(h);
    }
}
