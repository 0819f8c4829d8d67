package org.civicloop.channels.sms;

import java.util.Optional;

/**
 * Phone numbers as one key: E.164 ({@code +14155550123}). The opt-out table, the webhook and the
 * sender all go through here, so "(415) 555-0123" left on the web form and "+14155550123" from the
 * provider are the same resident, and an opt-out cannot be missed because of formatting.
 */
final class PhoneNumbers {

    private PhoneNumbers() {}

    /**
     * The E.164 form of a number, or empty if it cannot be one. Numbers without a country code are
     * read in {@code defaultCountryCode} (national trunk prefix "0" dropped; for "1", an 11-digit
     * number starting with 1 is already international).
     */
    static Optional<String> e164(String raw, String defaultCountryCode) {
        if (raw == null) return Optional.empty();
        String s = raw.strip();
        if (s.isEmpty()) return Optional.empty();
        boolean international = s.startsWith("+") || s.startsWith("00");
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
            else if (c == '+' && i == 0) continue;
            else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') continue;
            else return Optional.empty();
        }
        String d = digits.toString();
        if (s.startsWith("00")) d = d.substring(2);
        if (!international) {
            String cc = defaultCountryCode == null ? "" : defaultCountryCode.replaceAll("\\D", "");
            if (cc.isEmpty()) return Optional.empty();
            if ("1".equals(cc) && d.length() == 11 && d.startsWith("1")) {
                // already carries the North American country code
            } else {
                if (d.startsWith("0")) d = d.substring(1);
                d = cc + d;
            }
        }
        if (d.length() < 8 || d.length() > 15 || d.startsWith("0")) return Optional.empty();
        return Optional.of("+" + d);
    }
}
