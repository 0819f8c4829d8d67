package org.civicloop.triage.urgency;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.cases.CasePriority;
import org.civicloop.triage.kind.Kind;

/**
 * How urgent a message is, 0 to 100, and the case priority that follows, from four things, each
 * adding points with a reason staff can read: its kind (an emergency starts high, praise low), its
 * service category when known (a water main break before graffiti), words that tell of danger,
 * people at risk, injury, a blocked way, a lost utility or haste (in English and Spanish), and how
 * many residents reported the same thing. The sum is capped at 100 and mapped to {@link
 * CasePriority}: 80 and above {@code URGENT}, 55 {@code HIGH}, 25 {@code NORMAL}, below {@code LOW}.
 *
 * <p>Rules, not a model: every point is explained. Stateless and thread-safe.
 */
public final class UrgencyScorer {

    /** The rules' version, stored beside each score. */
    public static final String VERSION = "urgency=rules-1";

    /** What is known of a message. {@code service} and {@code kind} may be null; {@code reporters} is at least 1. */
    public record Input(Kind kind, String service, String text, int reporters) {}

    /** One reason: what was seen and the points it added. */
    public record Reason(String code, int points, String detail) {}

    /** The score, its priority and why. */
    public record Urgency(int score, CasePriority priority, List<Reason> reasons) {
        public Urgency {
            reasons = List.copyOf(reasons);
        }
    }

    private record WordRule(String code, int points, Pattern pattern) {}

    private static final List<WordRule> WORDS = List.of(
            words(
                    "danger",
                    15,
                    "dangerous|danger|hazard\\w*|unsafe|risk of|deadly|accident waiting|peligro\\w*|riesgo|inseguro"),
            words(
                    "vulnerable",
                    10,
                    "child|children|kids?|toddler|baby|babies|school|students?|elderly|senior|wheelchair|disabled|blind"
                            + "|stroller|ninos?|ninas?|nino|bebes?|escuela|colegio|anciano\\w*|personas? mayor\\w*|silla de ruedas"),
            words(
                    "injury",
                    15,
                    "hurt|injur\\w*|(someone|somebody|i|he|she|kid|child|man|woman|lady|person|people|my \\w+) (fell|tripped)|broke (his|her|my) \\w+|bleeding|herid\\w*|lastimad\\w*"
                            + "|se cayo|me cai|se lastimo|sangr\\w*"),
            words(
                    "blocked",
                    10,
                    "blocked|blocking|can'?t (get|drive) (out|through|in)|cannot (get|pass)|impassable|trapped|stuck"
                            + "|bloquead\\w*|tapad\\w*|no (se )?puede(n|mos)? (pasar|salir)|atrapad\\w*"),
            words(
                    "utility",
                    15,
                    "no (water|heat|heating|power|electricity)|without (water|heat|power)|sewage|raw sewage|sin (agua|luz"
                            + "|calefaccion)|aguas negras|drenaje"),
            words(
                    "haste",
                    10,
                    "urgent\\w*|asap|immediately|right away|right now|emergency|please hurry|urgente\\w*|de inmediato"
                            + "|inmediatamente|lo antes posible|emergencia|ahora mismo"));

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    private static WordRule words(String code, int points, String alternatives) {
        return new WordRule(code, points, Pattern.compile("\\b(" + alternatives + ")\\b"));
    }

    public Urgency score(Input input) {
        var reasons = new ArrayList<Reason>();
        Kind kind = input.kind();
        if (kind != null) reasons.add(new Reason("kind", kindPoints(kind), kind.code()));
        if (input.service() != null && !input.service().isBlank()) {
            int points = servicePoints(input.service());
            if (points > 0) reasons.add(new Reason("service", points, input.service()));
        }
        // spam and off-topic messages need nobody in a hurry, whatever words they use
        boolean wordsCount = kind != Kind.SPAM && kind != Kind.OFF_TOPIC;
        String folded = fold(input.text());
        if (wordsCount) {
            for (var rule : WORDS) {
                Matcher m = rule.pattern().matcher(folded);
                if (m.find()) reasons.add(new Reason(rule.code(), rule.points(), m.group()));
            }
        }
        if (input.reporters() > 1) {
            reasons.add(new Reason(
                    "reporters", Math.min(20, 5 * (input.reporters() - 1)), input.reporters() + " reporters"));
        }
        int score = Math.max(
                0, Math.min(100, reasons.stream().mapToInt(Reason::points).sum()));
        return new Urgency(score, priority(score), reasons);
    }

    public static CasePriority priority(int score) {
        if (score >= 80) return CasePriority.URGENT;
        if (score >= 55) return CasePriority.HIGH;
        if (score >= 25) return CasePriority.NORMAL;
        return CasePriority.LOW;
    }

    static int kindPoints(Kind kind) {
        return switch (kind) {
            case EMERGENCY -> 90;
            case SERVICE_REQUEST -> 35;
            case COMPLAINT -> 30;
            case ABUSE -> 20; // a person must look at it, not act on it
            case QUESTION -> 15;
            case OPINION -> 10;
            case PRAISE -> 5;
            case SPAM, OFF_TOPIC -> 0;
        };
    }

    /**
     * Services whose failure endangers people or property now come first; those about the state
     * of a street next; appearance and information last. Known by words in the service code, so
     * another city's catalogue (e.g. {@code Water Main Break}, {@code traffic_signal}) is understood.
     */
    static int servicePoints(String service) {
        String s = fold(service).replace('_', ' ').replace('-', ' ');
        if (s.matches(".*\\b(water main|main break|sewer|sewage|gas|signal|traffic light|fallen tree|tree down|downed"
                + "|flood\\w*|hazard\\w*|electric\\w*|power|dead animal|manhole)\\b.*")) return 20;
        if (s.matches(".*\\b(pothole|potholes|sidewalk|sign|signs|street ?light|streetlight out|snow|ice|road|roads"
                + "|street|drain\\w*|tree|trees|abandoned vehicle|vehicle)\\b.*")) return 10;
        return 0;
    }

    static String fold(String text) {
        if (text == null) return "";
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return ACCENTS.matcher(decomposed).replaceAll("").replace('’', '\'');
    }
}
