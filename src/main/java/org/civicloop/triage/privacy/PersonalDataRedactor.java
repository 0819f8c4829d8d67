package org.civicloop.triage.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and redacts personal data in resident text: e-mail addresses; phone numbers
 * (libphonenumber, valid numbers of the city's region or written with a country code; in North
 * America also a seven-digit local number right after "call", "phone", "contact me at"…); payment
 * card numbers (13–19 digits, single spaces or dashes between groups, a card issuer's first digit,
 * Luhn check); US social security numbers (area not 000, 666 or 9xx; group not 00; serial not
 * 0000) and ITINs (9xx with an ITIN group) — written 3-2-4 with dashes anywhere, with spaces or no
 * separator only after a label such as "SSN"; IBANs (the country's length and the mod-97 check);
 * dates of birth only after "DOB", "date of birth" or "born".
 *
 * <p>Built for precision: street numbers, zip codes, case references, dates, times, prices and
 * years stay. Where findings overlap the longer wins (an e-mail address over digits inside it).
 * Safe to share between threads.
 */
public final class PersonalDataRedactor {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+@-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}-])");

    // 13 to 19 digits, single spaces or dashes allowed between digits
    private static final Pattern CARD =
            Pattern.compile("(?<![\\p{N}-])\\p{N}(?:[ -]?\\p{N}){12,18}(?![\\p{N}]|-\\p{N})");

    private static final Pattern SSN_DASHED =
            Pattern.compile("(?<![\\p{N}-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\p{N}]|-\\p{N})");

    private static final Pattern SSN_LABELLED = Pattern.compile(
            "(?i)\\b(?:ssn|ss#|ss no\\.?|soc\\.? sec\\.?|social security(?: number| no\\.?| #)?|itin|taxpayer id(?:entification)?(?: number)?|tax id)"
                    + "\\s*(?:is|#|:|=|-)?\\s*(?:is\\s*)?(\\d{3})[ -]?(\\d{2})[ -]?(\\d{4})(?!\\p{N})");

    private static final Pattern IBAN_START =
            Pattern.compile("(?<![\\p{L}\\p{N}])([A-Z]{2})\\s?(\\d{2})(?=\\s?[A-Z0-9])");

    private static final String MONTH =
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final Pattern DATE_OF_BIRTH =
            Pattern.compile("(?i)\\b(?:d\\.?o\\.?b\\.?|date of birth|birth ?date|born(?: on)?)\\s*[:\\-]?\\s*"
                    + "(\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|" + MONTH
                    + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+"
                    + MONTH + ",?\\s+\\d{4})");

    // a seven-digit local number (NXX-XXXX) after words that announce a number to reach someone
    private static final Pattern LOCAL_PHONE = Pattern.compile(
            "(?i)\\b(?:call|calls|phone|cell|mobile|tel|text|contact|reach|number|ph)\\b[^.\\n\\d]{0,25}?(?<![\\p{N}-])([2-9]\\d{2}[-. ]\\d{4})(?![\\p{N}]|[-.]\\p{N})");

    /** IBAN lengths by country (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    private final String region;
    private final boolean northAmerican;

    /** @param region the city's ISO 3166-1 region for phone numbers written without a country code, e.g. {@code US} */
    public PersonalDataRedactor(String region) {
        String r = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(r))
            throw new IllegalArgumentException("not a region libphonenumber knows: " + region);
        this.region = r;
        this.northAmerican = PHONES.getCountryCodeForRegion(r) == 1;
    }

    public PersonalDataRedactor() {
        this("US");
    }

    public String region() {
        return region;
    }

    /** What personal data {@code text} holds, in text order, without overlaps. */
    public List<Finding> find(String text) {
        if (text == null || text.isEmpty()) return List.of();
        var candidates = new ArrayList<Finding>();
        emails(text, candidates);
        cards(text, candidates);
        socialSecurityNumbers(text, candidates);
        ibans(text, candidates);
        datesOfBirth(text, candidates);
        phones(text, candidates);
        return resolve(candidates);
    }

    /** {@code text} with every finding replaced by its type's placeholder. */
    public Redaction redact(String text) {
        if (text == null) return new Redaction("", List.of());
        List<Finding> findings = find(text);
        if (findings.isEmpty()) return new Redaction(text, findings);
        var out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append(f.type().placeholder());
            at = f.end();
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), findings);
    }

    private static void emails(String text, List<Finding> out) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) out.add(new Finding(PersonalDataType.EMAIL, m.start(), m.end()));
    }

    private static void cards(String text, List<Finding> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String raw = m.group();
            if (!consistentGroups(raw)) continue;
            String digits = digitsOf(raw);
            if (digits.length() < 13 || digits.length() > 19) continue;
            if (!issuerPrefix(digits) || !luhn(digits)) continue;
            out.add(new Finding(PersonalDataType.CARD, m.start(), m.end()));
        }
    }

    /** Only one kind of separator, and groups of at least three digits between them (cards print 4-4-4-4, 4-6-5…). */
    static boolean consistentGroups(String raw) {
        boolean spaces = raw.indexOf(' ') >= 0, dashes = raw.indexOf('-') >= 0;
        if (spaces && dashes) return false;
        if (!spaces && !dashes) return true;
        for (String group : raw.split("[ -]")) if (group.length() < 3) return false;
        return true;
    }

    /** The first digits card networks use: 2221–2720 and 5 (Mastercard), 3 (Amex, Diners, JCB), 4 (Visa), 6 (Discover, UnionPay, Maestro). */
    static boolean issuerPrefix(String digits) {
        char first = digits.charAt(0);
        if (first == '3' || first == '4' || first == '5' || first == '6') return true;
        if (first == '2') {
            int four = Integer.parseInt(digits.substring(0, 4));
            return four >= 2221 && four <= 2720;
        }
        return false;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static void socialSecurityNumbers(String text, List<Finding> out) {
        Matcher m = SSN_DASHED.matcher(text);
        while (m.find()) {
            var type = taxNumberType(m.group(1), m.group(2), m.group(3));
            if (type != null) out.add(new Finding(type, m.start(), m.end()));
        }
        m = SSN_LABELLED.matcher(text);
        while (m.find()) {
            var type = taxNumberType(m.group(1), m.group(2), m.group(3));
            if (type != null) out.add(new Finding(type, m.start(1), m.end(3)));
        }
    }

    /**
     * SSN rules (area 001–899 except 666, group 01–99, serial 0001–9999) or ITIN rules (area 9xx,
     * group 50–65, 70–88, 90–92 or 94–99); null when neither.
     */
    static PersonalDataType taxNumberType(String area, String group, String serial) {
        int a = Integer.parseInt(area), g = Integer.parseInt(group), s = Integer.parseInt(serial);
        if (s == 0 || g == 0) return null;
        if (a >= 900) {
            boolean itin = (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
            return itin ? PersonalDataType.ITIN : null;
        }
        if (a == 0 || a == 666) return null;
        return PersonalDataType.SSN;
    }

    private static void ibans(String text, List<Finding> out) {
        Matcher m = IBAN_START.matcher(text);
        while (m.find()) {
            Integer length = IBAN_LENGTHS.get(m.group(1));
            if (length == null) continue;
            // collect the IBAN's characters, allowing single spaces between them
            var iban = new StringBuilder(m.group(1)).append(m.group(2));
            int i = m.end();
            int end = -1;
            while (i < text.length() && iban.length() < length) {
                char c = text.charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    iban.append(c);
                    end = i + 1;
                } else if (c == ' ' && i + 1 < text.length() && text.charAt(i + 1) != ' ') {
                    // a single space between groups
                } else break;
                i++;
            }
            if (iban.length() != length || end < 0) continue;
            if (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) continue;
            if (mod97(iban.toString()) != 1) continue;
            out.add(new Finding(PersonalDataType.IBAN, m.start(), end));
        }
    }

    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }

    private static void datesOfBirth(String text, List<Finding> out) {
        Matcher m = DATE_OF_BIRTH.matcher(text);
        while (m.find()) out.add(new Finding(PersonalDataType.DATE_OF_BIRTH, m.start(1), m.end(1)));
    }

    private void phones(String text, List<Finding> out) {
        for (PhoneNumberMatch match :
                PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            out.add(new Finding(PersonalDataType.PHONE, match.start(), match.end()));
        }
        if (northAmerican) {
            Matcher m = LOCAL_PHONE.matcher(text);
            while (m.find()) out.add(new Finding(PersonalDataType.PHONE, m.start(1), m.end(1)));
        }
    }

    /** Overlapping candidates: the longer wins, then the earlier detector (e-mail, card, SSN, IBAN, date, phone). */
    private static List<Finding> resolve(List<Finding> candidates) {
        var byPreference = new ArrayList<Finding>(candidates);
        byPreference.sort(Comparator.comparingInt(Finding::length).reversed());
        // stable sort keeps the detector order among equal lengths
        var kept = new ArrayList<Finding>();
        for (Finding f : byPreference) {
            if (kept.stream().noneMatch(f::overlaps)) kept.add(f);
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    static String digitsOf(String s) {
        var b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) b.append(s.charAt(i));
        return b.toString();
    }
}
