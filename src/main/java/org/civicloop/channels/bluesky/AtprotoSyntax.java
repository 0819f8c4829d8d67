package org.civicloop.channels.bluesky;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The atproto string formats a connector must check before trusting an event: DIDs, handles,
 * NSIDs, record keys, TIDs, AT-URIs and datetimes, as the atproto specifications define them.
 */
final class AtprotoSyntax {

    private static final Pattern DID = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$");
    private static final Pattern HANDLE = Pattern.compile(
            "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
    private static final Pattern NSID = Pattern.compile(
            "^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(\\.[a-zA-Z][a-zA-Z0-9]{0,62})$");
    private static final Pattern RECORD_KEY = Pattern.compile("^[a-zA-Z0-9_~.:-]{1,512}$");
    private static final Pattern TID = Pattern.compile("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    private static final Pattern DATETIME = Pattern.compile(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$");
    private static final Pattern CID = Pattern.compile("^b[a-z2-7]{8,200}$");

    private AtprotoSyntax() {}

    static boolean isDid(String s) {
        return s != null && s.length() <= 2048 && DID.matcher(s).matches();
    }

    static boolean isHandle(String s) {
        return s != null && s.length() <= 253 && HANDLE.matcher(s).matches();
    }

    static boolean isNsid(String s) {
        return s != null && s.length() <= 317 && NSID.matcher(s).matches();
    }

    static boolean isRecordKey(String s) {
        return s != null
                && !s.equals(".")
                && !s.equals("..")
                && RECORD_KEY.matcher(s).matches();
    }

    static boolean isTid(String s) {
        return s != null && TID.matcher(s).matches();
    }

    /** A base32 CID as atproto writes them in JSON ({@code bafy…}). */
    static boolean isCid(String s) {
        return s != null && CID.matcher(s).matches();
    }

    /** {@code at://authority[/collection[/rkey]]}, without query or fragment, at most 8 KiB. */
    static boolean isAtUri(String s) {
        if (s == null || s.length() > 8 * 1024 || !s.startsWith("at://")) return false;
        String[] parts = s.substring(5).split("/", -1);
        if (parts.length > 3) return false;
        String authority = parts[0];
        if (!(isDid(authority) || isHandle(authority))) return false;
        if (parts.length >= 2 && !isNsid(parts[1])) return false;
        return parts.length < 3 || isRecordKey(parts[2]);
    }

    /** An RFC 3339 datetime with a time zone, as atproto restricts them; the moment, or null. */
    static OffsetDateTime parseDatetime(String s) {
        if (s == null || s.length() > 64 || !DATETIME.matcher(s).matches()) return null;
        if (s.endsWith("-00:00") || s.startsWith("0000")) return null;
        String normal = s;
        int dot = s.indexOf('.');
        if (dot > 0) {
            int end = dot + 1;
            while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
            if (end - dot - 1 > 9) normal = s.substring(0, dot + 10) + s.substring(end);
        }
        try {
            return OffsetDateTime.parse(normal);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isDatetime(String s) {
        return parseDatetime(s) != null;
    }

    /** https://bsky.app link to a post. */
    static String postUrl(String did, String rkey) {
        return "https://bsky.app/profile/" + did + "/post/" + rkey;
    }

    static String postUri(String did, String rkey) {
        return "at://" + did + "/" + BlueskySettings.POST + "/" + rkey;
    }
}
