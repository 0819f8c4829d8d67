package org.civicloop.channels.csvimport;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.civicloop.shared.ChannelKind;

/**
 * How to read a file: the mapping, the channel of rows without a channel column (or with an empty
 * one), the date format of the posted-at column ({@link DateTimeFormatter} pattern; ISO 8601 and
 * a few common forms when empty), the time zone of dates without one, and whether to store nothing.
 */
public record ImportOptions(
        ImportMapping mapping, ChannelKind channel, String timeFormat, ZoneId zone, boolean dryRun) {

    public ImportOptions {
        if (mapping == null) throw new InvalidImportException("A column mapping is required");
        if (channel == null) channel = ChannelKind.PHONE;
        if (zone == null) zone = ZoneId.systemDefault();
        timeFormat = timeFormat == null || timeFormat.isBlank() ? null : timeFormat.strip();
        if (timeFormat != null) {
            try {
                DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new InvalidImportException("Not a date format: " + timeFormat + " (" + e.getMessage() + ")");
            }
        }
    }

    public ImportOptions withDryRun(boolean dryRun) {
        return new ImportOptions(mapping, channel, timeFormat, zone, dryRun);
    }
}
