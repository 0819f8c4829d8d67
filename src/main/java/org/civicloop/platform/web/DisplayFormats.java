package org.civicloop.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Dates and times as the city reads them, in its time zone; used by templates as {@code @dates}. */
@Component("dates")
public class DisplayFormats {

    private final ZoneId zone;

    DisplayFormats(@Value("${civicloop.time-zone:America/New_York}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public String dateTime(Instant instant) {
        if (instant == null) return "";
        // with the zone, so that nobody has to guess whether a time is local
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale())
                        .withZone(zone)
                        .format(instant)
                + " "
                + DateTimeFormatter.ofPattern("zzz", locale()).withZone(zone).format(instant);
    }

    public String date(Instant instant) {
        if (instant == null) return "";
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale())
                .withZone(zone)
                .format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** "3 h", "2 d": how long ago, or how long until, for lists. */
    public String age(Instant from, Instant to) {
        if (from == null || to == null) return "";
        Duration d = Duration.between(from, to).abs();
        if (d.toMinutes() < 60) return d.toMinutes() + " min";
        if (d.toHours() < 48) return d.toHours() + " h";
        return d.toDays() + " d";
    }

    /** "42 s", "12 min", "3 h", "2 d": a length of time, for health tables. */
    public String duration(Duration d) {
        if (d == null) return "";
        Duration a = d.abs();
        if (a.toSeconds() < 120) return a.toSeconds() + " s";
        if (a.toMinutes() < 120) return a.toMinutes() + " min";
        if (a.toHours() < 48) return a.toHours() + " h";
        return a.toDays() + " d";
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
