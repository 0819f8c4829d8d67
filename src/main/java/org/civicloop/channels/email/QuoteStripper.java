package org.civicloop.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a resident wrote in an e-mail, without what they did not write: the quoted history of the
 * thread ("On … wrote:" and the {@code >} lines under it, Outlook's "-----Original Message-----" or
 * "From: … Sent: …" header block and everything below), the signature after the {@code "-- "}
 * delimiter and "Sent from my iPhone" footers. English, Spanish, French and German variants.
 *
 * <p>Conservative by design: an attribution line must look like one (it carries a digit: a date or a
 * time), a header block needs at least two of its header lines, footers are removed only at the
 * end, and when stripping would leave nothing the text is kept whole: losing a resident's words is
 * worse than showing a quote. Forwarded messages ("---------- Forwarded message ---------") are
 * kept: what a resident forwards to the city is what they want it to read.
 */
final class QuoteStripper {

    /** A reply's attribution line, on one line or wrapped over two (clients wrap long ones). */
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            // en: "On Mon, 23 Nov 2026 at 09:14, Ana <ana@example.org> wrote:"
            Pattern.compile("^on\\s.+\\swrote\\s?:$"),
            // es: "El lun, 23 nov 2026 a las 9:14, Ana (<ana@example.org>) escribió:"
            Pattern.compile("^el\\s.+\\sescribi[oó]\\s?:$"),
            // fr: "Le lun. 23 nov. 2026 à 09:14, Ana <ana@example.org> a écrit :"
            Pattern.compile("^le\\s.+\\sa\\s[ée]crit\\s?:$"),
            // de: "Am Mo., 23. Nov. 2026 um 09:14 Uhr schrieb Ana <ana@example.org>:"
            Pattern.compile("^am\\s.+\\sschrieb\\s.*:$"),
            // Apple Mail, all languages it writes: "On 23 Nov 2026, at 09:14, Ana <ana@example.org> wrote:"
            // is covered above; a bare "<ana@example.org> wrote:" (some webmails) here
            Pattern.compile("^.*<[^<>@\\s]+@[^<>\\s]+>\\s(wrote|escribi[oó]|a\\s[ée]crit|schrieb)\\s?:$"));

    /** Separators that start the original message below a reply (Outlook, Thunderbird, Apple). */
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(original message|mensaje original|message d'origine|message original|urspr[üu]ngliche nachricht"
                    + "|originalnachricht)\\s*-{2,}$");

    /** A forwarded message follows: its header block and text are what the resident sends on. */
    private static final Pattern FORWARDED = Pattern.compile(
            "^(-{2,}\\s*(forwarded message|mensaje reenviado|message transf[ée]r[ée]|weitergeleitete nachricht)\\s*-{2,}"
                    + "|begin forwarded message:|inicio del mensaje reenviado:|d[ée]but du message r[ée]exp[ée]di[ée] :?"
                    + "|anfang der weitergeleiteten nachricht:)$");

    /** Header lines of a quoted message in Outlook's style: "From:" then "Sent:"/"To:"/"Subject:". */
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(from|de|von)\\s?:\\*?\\s.*\\S.*$");

    private static final Pattern HEADER_OTHER = Pattern.compile(
            "^\\*?(sent|date|to|cc|subject|enviado|fecha|para|asunto|envoy[ée]|date|[àa]|objet|gesendet|datum|an|betreff)"
                    + "\\s?:\\*?(\\s.*)?$");

    /** Outlook on the web draws a line of underscores above the quoted header block. */
    private static final Pattern UNDERSCORES = Pattern.compile("^_{10,}$");

    /** "-- " alone on a line starts a signature (RFC 3676); many clients drop the trailing space. */
    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");

    /** Footers that mail apps append by themselves. */
    private static final Pattern FOOTER = Pattern.compile(
            "^(sent from my \\S.*|sent from (outlook|mail|yahoo mail|gmail|proton mail|samsung).*|get outlook for .*"
                    + "|sent with proton mail.*|sent from my (iphone|ipad|android|mobile|phone|smartphone|samsung).*"
                    + "|enviado desde mi \\S.*|enviado desde (outlook|yahoo|correo).*|obtener outlook para .*"
                    + "|envoy[ée] de mon \\S.*|envoy[ée] depuis (mon|outlook|yahoo).*|obtenir outlook pour .*"
                    + "|von meinem \\S.* gesendet\\.?|gesendet von meinem \\S.*|gesendet (mit|von) (der )?.*(app|mail|outlook).*"
                    + "|outlook f[üu]r .* beziehen)$");

    private QuoteStripper() {}

    /** The resident's own words; the text itself when nothing would be left. */
    static String strip(String text) {
        if (text == null) return "";
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = new ArrayList<>(List.of(normal.split("\n", -1)));
        int cut = historyStart(lines);
        List<String> kept = new ArrayList<>(lines.subList(0, cut));
        int signature = signatureStart(kept);
        if (signature >= 0) kept = new ArrayList<>(kept.subList(0, signature));
        kept.removeIf(QuoteStripper::quoted);
        dropTrailingFooters(kept);
        String result = tidy(String.join("\n", kept));
        return result.isBlank() ? tidy(normal) : result;
    }

    /** Index of the first line of quoted history, or the number of lines when there is none. */
    private static int historyStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = key(lines.get(i));
            if (line.isEmpty()) continue;
            if (FORWARDED.matcher(line).matches()) return lines.size();
            if (ORIGINAL_MESSAGE.matcher(line).matches()) return i;
            if (attribution(line)) return i;
            // an attribution wrapped over two lines: "On Mon, … Ana <" / "ana@example.org> wrote:"
            if (i + 1 < lines.size() && startsAttribution(line)) {
                String joined = line + " " + key(lines.get(i + 1));
                if (attribution(joined)) return i;
            }
            if (HEADER_FROM.matcher(line).matches() && headerBlock(lines, i)) {
                return i > 0 && UNDERSCORES.matcher(key(lines.get(i - 1))).matches() ? i - 1 : i;
            }
        }
        return lines.size();
    }

    private static boolean attribution(String line) {
        if (line.length() > 300 || !line.matches(".*\\d.*") && !line.contains("@")) return false;
        return ATTRIBUTIONS.stream().anyMatch(p -> p.matcher(line).matches());
    }

    private static boolean startsAttribution(String line) {
        return line.matches("^(on|el|le|am)\\s.*") && line.length() < 200;
    }

    /** "From:" followed, within the next four lines, by at least two other header lines. */
    private static boolean headerBlock(List<String> lines, int from) {
        int headers = 0;
        for (int j = from + 1; j < Math.min(lines.size(), from + 6); j++) {
            String line = key(lines.get(j));
            if (line.isEmpty()) break;
            if (HEADER_OTHER.matcher(line).matches()) headers++;
        }
        return headers >= 2;
    }

    /** The signature delimiter, if it is followed by at most a dozen lines (a signature, not a text). */
    private static int signatureStart(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (SIGNATURE.matcher(lines.get(i)).matches()) {
                return lines.size() - i <= 13 ? i : -1;
            }
        }
        return -1;
    }

    private static boolean quoted(String line) {
        return line.stripLeading().startsWith(">");
    }

    private static void dropTrailingFooters(List<String> lines) {
        while (!lines.isEmpty()) {
            String last = key(lines.get(lines.size() - 1));
            if (last.isEmpty() || FOOTER.matcher(last).matches()) lines.remove(lines.size() - 1);
            else return;
        }
    }

    private static String key(String line) {
        return line.replace('\u00a0', ' ').strip().toLowerCase(Locale.ROOT);
    }

    private static String tidy(String text) {
        return text.replaceAll("[ \\t\\u00a0]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }
}
