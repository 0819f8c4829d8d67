package org.civicloop.demo;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.CaseStatus;
import org.civicloop.demo.RivertonCity.Offering;
import org.civicloop.demo.RivertonCity.Street;
import org.civicloop.demo.RivertonTexts.Kind;
import org.civicloop.demo.RivertonTexts.Note;
import org.civicloop.demo.RivertonTexts.Template;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.GeoPoint;

/**
 * Makes up the life of Riverton over its last days: what residents wrote, on which channel, when,
 * which problems became cases, and how those cases moved on. The plan is pure data, drawn from a
 * {@link Random} with a fixed seed, so the same seed and the same "now" give the same city.
 */
final class RivertonMessages {

    /** The city's own accounts and numbers, which residents write to. */
    static final String CITY_SMS_NUMBER = "+1 860-555-0100";

    // ---------------------------------------------------------------- the plan

    /** One resident message, ready to hand to the ingest path. */
    record PlannedMessage(int index, InboundMessage message, Instant receivedAt, String serviceCode, Kind kind) {}

    /** A message that joins a case after it was opened. */
    record Attachment(int message, Instant at) {}

    /** One move of a case; {@code assignee} is set when the case is assigned to a named member of staff. */
    record Transition(
            CaseStatus status, Instant at, String publicNote, String internalNote, String actor, String assignee) {}

    /** A case as staff opened it from residents' messages, and everything that happened to it since. */
    record PlannedCase(
            int index,
            String serviceCode,
            CasePriority priority,
            String title,
            String description,
            String address,
            GeoPoint location,
            String language,
            Instant openedAt,
            List<Integer> openingReporters,
            List<Attachment> laterReporters,
            List<Transition> transitions) {

        CaseStatus finalStatus() {
            return transitions.isEmpty()
                    ? CaseStatus.NEW
                    : transitions.get(transitions.size() - 1).status();
        }

        int reporterCount() {
            return openingReporters.size() + laterReporters.size();
        }
    }

    /** Something to do to the database at a moment of Riverton's past. */
    sealed interface Step permits Receive, Open, Attach, Move {
        Instant at();

        int rank();

        int order();
    }

    record Receive(int message, Instant at) implements Step {
        public int rank() {
            return 0;
        }

        public int order() {
            return message;
        }
    }

    record Open(int caseIndex, Instant at) implements Step {
        public int rank() {
            return 1;
        }

        public int order() {
            return caseIndex;
        }
    }

    record Attach(int caseIndex, int message, Instant at) implements Step {
        public int rank() {
            return 2;
        }

        public int order() {
            return message;
        }
    }

    record Move(int caseIndex, int transition, Instant at) implements Step {
        public int rank() {
            return 3;
        }

        public int order() {
            return caseIndex;
        }
    }

    record Plan(Instant now, List<PlannedMessage> messages, List<PlannedCase> cases) {

        /** Everything to do, in the order it happened. */
        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            for (PlannedMessage m : messages) steps.add(new Receive(m.index(), m.receivedAt()));
            for (PlannedCase c : cases) {
                steps.add(new Open(c.index(), c.openedAt()));
                for (Attachment a : c.laterReporters()) steps.add(new Attach(c.index(), a.message(), a.at()));
                for (int i = 0; i < c.transitions().size(); i++) {
                    steps.add(new Move(c.index(), i, c.transitions().get(i).at()));
                }
            }
            steps.sort(
                    Comparator.comparing(Step::at).thenComparingInt(Step::rank).thenComparingInt(Step::order));
            return steps;
        }
    }

    /** Plans Riverton's last {@code days} days up to {@code now}. */
    static Plan plan(long seed, int messages, int days, Instant now) {
        return new RivertonMessages(seed, days, now).plan(messages);
    }

    // ---------------------------------------------------------------- the generator

    /** How busy each hour of the day is, local time. */
    private static final double[] HOUR_WEIGHTS = {
        0.5, 0.3, 0.2, 0.15, 0.2, 0.4, 1.0, 2.0, 3.2, 3.8, 3.6, 3.4, 3.6, 3.5, 3.4, 3.3, 3.2, 3.0, 2.7, 2.5, 2.2, 1.8,
        1.3, 0.8
    };

    private static final double MAX_HOUR_WEIGHT = 3.8;

    private static final List<String> FIRST_EN = List.of(
            "Mike", "Jen", "Dave", "Sarah", "Tom", "Linda", "Kevin", "Karen", "Chris", "Amanda", "Brian", "Jessica",
            "Mark", "Emily", "Steve", "Rachel", "Joe", "Megan", "Paul", "Nicole", "Dan", "Heather", "Tyler", "Ashley",
            "Greg", "Laura", "Ryan", "Kim", "Pat", "Donna", "Frank", "Olivia", "Ethan", "Priya", "Wei", "Aisha",
            "Tariq", "Grace", "Ben", "Nora", "Walt", "Deb");
    private static final List<String> FIRST_ES = List.of(
            "María",
            "José",
            "Luis",
            "Carmen",
            "Ana",
            "Jorge",
            "Rosa",
            "Miguel",
            "Guadalupe",
            "Juan",
            "Sofía",
            "Carlos",
            "Lucía",
            "Pedro",
            "Elena",
            "Fernando",
            "Gabriela",
            "Ricardo",
            "Isabel",
            "Héctor",
            "Marisol",
            "Raúl",
            "Yesenia",
            "Ernesto",
            "Daniela");
    private static final List<String> LAST_EN = List.of(
            "Sullivan",
            "O'Brien",
            "Kowalski",
            "Murphy",
            "Johnson",
            "Smith",
            "Brennan",
            "DeLuca",
            "Russo",
            "Nguyen",
            "Patel",
            "Chen",
            "Williams",
            "Brown",
            "Walsh",
            "Moriarty",
            "Fitzgerald",
            "Novak",
            "Carter",
            "Hughes",
            "Kim",
            "Baker",
            "Coleman",
            "Rossi",
            "Lambert",
            "Dubois",
            "Okafor",
            "Mensah",
            "Kelly",
            "Hart");
    private static final List<String> LAST_ES = List.of(
            "García",
            "Rodríguez",
            "Martínez",
            "Hernández",
            "López",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Torres",
            "Flores",
            "Rivera",
            "Gómez",
            "Díaz",
            "Reyes",
            "Morales",
            "Ortiz",
            "Cruz",
            "Vega",
            "Castillo",
            "Santiago",
            "Colón",
            "Delgado",
            "Figueroa");
    private static final List<String> PSEUDONYMS = List.of(
            "rivertonmom",
            "potholepatrol",
            "elmhill_gardener",
            "bikeriverton",
            "northend_nick",
            "canaldistrictdad",
            "rivercatsfan",
            "grumpyneighbor",
            "dogwalker",
            "riverton_renter",
            "oldtowner",
            "cyclist860",
            "nightshiftnurse",
            "meadowrunner",
            "millbrook_mama",
            "urbanist_ct",
            "retired_teacher",
            "skate_or_die");

    private final Random random;
    private final Instant now;
    private final Instant start;
    private final Instant latest;
    private final List<Street> streets;
    private final Map<String, List<Street>> streetsByNeighbourhood = new LinkedHashMap<>();
    private final List<Template> templates;
    private final List<Note> notes;
    private final List<Offering> requestOfferings = new ArrayList<>();
    private final List<Resident> residents = new ArrayList<>();

    private record Resident(
            String first,
            String last,
            String language,
            List<ChannelKind> channels,
            String nick,
            String domain,
            String phone) {}

    /** One problem on a street, reported by one or more residents. */
    private static final class Problem {
        Offering offering;
        Street street;
        Street cross;
        int number;
        boolean corner;
        GeoPoint point;
        Instant firstAt;
        Resident firstResident;
        final List<Integer> messages = new ArrayList<>();
        /** What its reporters wrote already: two residents do not write the very same words. */
        final Set<Template> used = new java.util.HashSet<>();

        String address() {
            return corner ? street.name() + " & " + cross.name() : number + " " + street.name();
        }
    }

    private record Draft(Instant at, Resident resident, Problem problem, Kind kind) {}

    /** A planned move of a case; {@code declined}: closed without work. */
    private record Moment(CaseStatus status, Instant at, boolean declined) {}

    private static final class CaseDraft {
        int index;
        Problem problem;
        String language;
        Instant openedAt;
        CasePriority priority;
        final List<Integer> opening = new ArrayList<>();
        final List<Attachment> later = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();
        String firstText;

        CaseStatus finalStatus() {
            return transitions.isEmpty()
                    ? CaseStatus.NEW
                    : transitions.get(transitions.size() - 1).status();
        }
    }

    private RivertonMessages(long seed, int days, Instant now) {
        this.random = new Random(seed);
        this.now = now;
        this.start = now.minus(Duration.ofDays(days));
        this.latest = now.minus(Duration.ofMinutes(10));
        this.streets = RivertonCity.streets();
        for (Street s : streets) {
            streetsByNeighbourhood
                    .computeIfAbsent(s.neighbourhood(), k -> new ArrayList<>())
                    .add(s);
        }
        this.templates = RivertonTexts.templates();
        this.notes = RivertonTexts.notes();
        boolean winter = isWinter(now);
        for (Offering o : RivertonCity.SERVICES) {
            if (o.weight() > 0 && (winter || !o.code().equals("snow-removal"))) requestOfferings.add(o);
        }
    }

    private Plan plan(int count) {
        int pool = Math.max(30, count / 3);
        for (int i = 0; i < pool; i++) residents.add(resident());

        // who wrote when, and about which problem
        List<Draft> drafts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        while (drafts.size() < count) {
            if (random.nextDouble() < 0.64) {
                Problem p = problem();
                problems.add(p);
                int size = Math.min(problemSize(), count - drafts.size());
                drafts.add(new Draft(p.firstAt, p.firstResident, p, Kind.REPORT));
                Instant until = min(p.firstAt.plus(Duration.ofDays(6)), latest);
                for (int k = 1; k < size; k++) {
                    Instant from = p.firstAt.plus(Duration.ofMinutes(20));
                    if (!from.isBefore(until)) break;
                    Instant at = sampleTime(from, until);
                    boolean again = random.nextDouble() < 0.3;
                    Resident who = again ? p.firstResident : pickResident();
                    // the same resident writes again ("3rd time reporting this!!"); others mostly report it afresh
                    boolean followup = again
                            ? Duration.between(p.firstAt, at).toHours() >= 20 || random.nextDouble() < 0.5
                            : random.nextDouble() < 0.15;
                    drafts.add(new Draft(at, who, p, followup ? Kind.FOLLOWUP : Kind.REPORT));
                }
            } else {
                double r = random.nextDouble();
                Kind kind = r < 0.38 ? Kind.QUESTION : r < 0.62 ? Kind.PRAISE : r < 0.92 ? Kind.OPINION : Kind.SPAM;
                drafts.add(new Draft(sampleTime(start, latest), pickResident(), null, kind));
            }
        }
        drafts.sort(Comparator.comparing(Draft::at));

        List<PlannedMessage> messages = new ArrayList<>();
        for (Draft d : drafts) {
            PlannedMessage m = message(messages.size(), d);
            messages.add(m);
            if (d.problem() != null) d.problem().messages.add(m.index());
        }

        // which problems staff turned into cases, and what happened to them
        List<CaseDraft> cases = new ArrayList<>();
        problems.sort(Comparator.comparing(p -> p.firstAt));
        for (Problem p : problems) {
            CaseDraft c = caseFor(p, messages, cases.size());
            if (c != null) cases.add(c);
        }
        ensureEveryStatus(cases);

        List<PlannedCase> planned = new ArrayList<>();
        for (CaseDraft c : cases) {
            Problem p = c.problem;
            planned.add(new PlannedCase(
                    c.index,
                    p.offering.code(),
                    c.priority,
                    p.offering.service().name() + " at " + p.address(),
                    c.firstText,
                    p.address(),
                    p.point,
                    c.language,
                    c.openedAt,
                    List.copyOf(c.opening),
                    List.copyOf(c.later),
                    List.copyOf(c.transitions)));
        }
        return new Plan(now, List.copyOf(messages), List.copyOf(planned));
    }

    // ---------------------------------------------------------------- residents and problems

    private Resident resident() {
        boolean spanish = random.nextDouble() < 0.2;
        String first = pick(spanish ? FIRST_ES : FIRST_EN);
        String last = spanish
                ? (random.nextDouble() < 0.85 ? pick(LAST_ES) : pick(LAST_EN))
                : (random.nextDouble() < 0.1 ? pick(LAST_ES) : pick(LAST_EN));
        String f = ascii(first);
        String l = ascii(last);
        String nick = switch (random.nextInt(5)) {
            case 0 -> f + l.charAt(0);
            case 1 -> f + "_" + l;
            case 2 -> f + (10 + random.nextInt(89));
            case 3 -> f + "." + l;
            default -> pick(PSEUDONYMS) + (random.nextBoolean() ? "" : String.valueOf(random.nextInt(99)));
        };
        List<ChannelKind> channels = new ArrayList<>();
        channels.add(primaryChannel(spanish));
        if (random.nextDouble() < 0.35) {
            ChannelKind second = primaryChannel(spanish);
            if (!channels.contains(second)) channels.add(second);
        }
        return new Resident(
                first,
                last,
                spanish ? "es" : "en",
                List.copyOf(channels),
                nick,
                random.nextBoolean() ? "example.org" : "example.com",
                "+1 860-555-01%02d".formatted(random.nextInt(100)));
    }

    private static final ChannelKind[] CHANNELS = {
        ChannelKind.WEB,
        ChannelKind.EMAIL,
        ChannelKind.SMS,
        ChannelKind.MASTODON,
        ChannelKind.BLUESKY,
        ChannelKind.OPEN311,
        ChannelKind.PHONE
    };
    /** How residents reach the city, in the order of {@link #CHANNELS}: Spanish speakers text and call more. */
    private static final double[] CHANNEL_WEIGHTS_EN = {0.20, 0.14, 0.13, 0.12, 0.13, 0.13, 0.15};

    private static final double[] CHANNEL_WEIGHTS_ES = {0.26, 0.10, 0.24, 0.06, 0.08, 0.10, 0.16};

    private ChannelKind primaryChannel(boolean spanish) {
        double[] weights = spanish ? CHANNEL_WEIGHTS_ES : CHANNEL_WEIGHTS_EN;
        double r = random.nextDouble();
        for (int i = 0; i < CHANNELS.length; i++) {
            r -= weights[i];
            if (r < 0) return CHANNELS[i];
        }
        return CHANNELS[CHANNELS.length - 1];
    }

    /** Some residents write a lot: the first of the pool are picked far more often. */
    private Resident pickResident() {
        int i = (int) (residents.size() * Math.pow(random.nextDouble(), 1.7));
        return residents.get(Math.min(i, residents.size() - 1));
    }

    private Problem problem() {
        Problem p = new Problem();
        p.offering = weighted(requestOfferings);
        p.street = pick(streets);
        p.cross = crossStreet(p.street);
        p.number = 10 + 2 * random.nextInt(950) + random.nextInt(2);
        p.corner = random.nextDouble() < 0.35;
        p.point = new GeoPoint(
                round(p.street.latitude() + (random.nextDouble() - 0.5) * 0.003),
                round(p.street.longitude() + (random.nextDouble() - 0.5) * 0.004));
        p.firstAt = sampleTime(start, latest);
        p.firstResident = pickResident();
        return p;
    }

    private int problemSize() {
        double r = random.nextDouble();
        if (r < 0.66) return 1;
        if (r < 0.84) return 2;
        if (r < 0.92) return 3;
        if (r < 0.96) return 4;
        return 5 + random.nextInt(5);
    }

    private Street crossStreet(Street street) {
        List<Street> near = streetsByNeighbourhood.get(street.neighbourhood());
        for (int i = 0; i < 10; i++) {
            Street s = random.nextDouble() < 0.8 ? pick(near) : pick(streets);
            if (!s.equals(street)) return s;
        }
        return streets.get((streets.indexOf(street) + 1) % streets.size());
    }

    // ---------------------------------------------------------------- messages

    private PlannedMessage message(int index, Draft d) {
        Resident r = d.resident();
        Problem p = d.problem();
        ChannelKind channel = channel(r, d.at());
        // 311 apps only send service requests; the resident uses the web form for the rest
        if (channel == ChannelKind.OPEN311 && p == null) channel = ChannelKind.WEB;
        // nobody calls 311 to post spam
        if (channel == ChannelKind.PHONE && d.kind() == Kind.SPAM) channel = ChannelKind.SMS;
        String language = r.language().equals("es") && random.nextDouble() < 0.05 ? "en" : r.language();
        Template template = template(
                language,
                d.kind(),
                p == null ? null : p.offering.code(),
                channel,
                d.at(),
                p == null ? Set.of() : p.used);
        if (p != null) p.used.add(template);

        Street street = p != null ? p.street : pick(streets);
        Street cross = p != null ? p.cross : crossStreet(street);
        Map<String, String> values = new HashMap<>();
        values.put("street", street.name());
        values.put("street2", cross.name());
        values.put("n", String.valueOf(p != null ? p.number : 10 + random.nextInt(1900)));
        values.put("hood", street.neighbourhood());
        long since = p == null ? 0 : Duration.between(p.firstAt, d.at()).toHours();
        values.put("days", String.valueOf(p != null && since >= 36 ? (since + 12) / 24 : 2 + random.nextInt(12)));
        values.put("weeks", String.valueOf(2 + random.nextInt(5)));
        int count = p != null ? Math.min(5, Math.max(2, p.messages.size() + 1)) : 2 + random.nextInt(4);
        if (d.kind() == Kind.FOLLOWUP && random.nextDouble() < 0.4) count = Math.min(5, count + 1);
        values.put("count", String.valueOf(count));
        values.put("nth", ordinal(count));
        values.put("day", weekday(d.at().minus(Duration.ofDays(1 + random.nextInt(5))), template.language()));
        values.put("plate", plate());
        String text = vary(RivertonTexts.fill(template.text(), values), template, channel);
        if (channel == ChannelKind.SMS && random.nextDouble() < 0.3) text = text.toLowerCase(Locale.ROOT);

        String address = null;
        GeoPoint location = null;
        if (p != null) {
            boolean form = channel == ChannelKind.WEB || channel == ChannelKind.OPEN311 || channel == ChannelKind.PHONE;
            if (form || random.nextDouble() < 0.35) {
                // the address as this resident gives it: a house number, a corner, or as the case has it
                Set<String> used = RivertonTexts.placeholders(template.text());
                address = used.contains("n")
                        ? p.number + " " + p.street.name()
                        : used.contains("street2") ? p.street.name() + " & " + p.cross.name() : p.address();
            }
            double located = switch (channel) {
                case OPEN311 -> 1.0;
                case WEB -> 0.6;
                case MASTODON, BLUESKY -> 0.2;
                case SMS -> 0.1;
                default -> 0.0;
            };
            if (random.nextDouble() < located) {
                location = new GeoPoint(
                        round(p.point.latitude() + (random.nextDouble() - 0.5) * 0.0004),
                        round(p.point.longitude() + (random.nextDouble() - 0.5) * 0.0005));
            }
        }

        Instant posted = d.at();
        Instant received = min(posted.plus(delivery(channel)), now.minusSeconds(1));
        String externalId = "demo-" + index;
        String handle = null;
        String name = null;
        String url = null;
        String raw = null;
        switch (channel) {
            case MASTODON -> {
                handle = "@" + r.nick() + "@mastodon.social";
                name = socialName(r);
                long statusId = (posted.toEpochMilli() << 16) | (index & 0xffff);
                url = "https://mastodon.social/@" + r.nick() + "/" + statusId;
                raw = "{\"id\":\"" + statusId + "\",\"visibility\":\"public\",\"language\":\"" + language + "\"}";
            }
            case BLUESKY -> {
                handle = r.nick().replace('_', '-').replace('.', '-').toLowerCase(Locale.ROOT) + ".bsky.social";
                name = socialName(r);
                String rkey = tid(posted, index);
                url = "https://bsky.app/profile/" + handle + "/post/" + rkey;
                raw = "{\"uri\":\"at://" + handle + "/app.bsky.feed.post/" + rkey + "\",\"langs\":[\"" + language
                        + "\"]}";
            }
            case SMS -> {
                handle = r.phone();
                raw = "{\"from\":\"" + r.phone() + "\",\"to\":\"" + CITY_SMS_NUMBER + "\",\"num_media\":0}";
            }
            case EMAIL -> {
                handle = r.nick().toLowerCase(Locale.ROOT) + "@" + r.domain();
                name = r.first() + " " + r.last();
            }
            case WEB -> name = random.nextBoolean() ? r.first() : null;
            case PHONE -> name = random.nextDouble() < 0.4 ? r.first() + " " + r.last() : null;
            case OPEN311 -> {
                String code = p != null ? p.offering.code() : template.serviceCode();
                raw = "{\"service_code\":\"" + code + "\",\"description\":" + json(text)
                        + (location == null
                                ? ""
                                : ",\"lat\":" + location.latitude() + ",\"long\":" + location.longitude())
                        + (address == null ? "" : ",\"address_string\":" + json(address)) + "}";
            }
            default -> {}
        }
        InboundMessage message = new InboundMessage(
                channel,
                externalId,
                handle,
                name,
                text,
                language,
                posted,
                null,
                url,
                address,
                location,
                null,
                List.of(),
                raw);
        return new PlannedMessage(index, message, received, template.serviceCode(), d.kind());
    }

    private static final List<String> OPENERS_EN = List.of("Hi, ", "Hello, ", "Hey ", "Good morning. ", "Hi there. ");
    private static final List<String> CLOSERS_EN = List.of(
            " Thanks.",
            " Thank you!",
            " pls fix",
            "!!",
            " Please help.",
            " 😡",
            " 🙏",
            " thx",
            " - a tired neighbor",
            " Thanks in advance",
            " ...");
    private static final List<String> OPENERS_ES =
            List.of("Hola, ", "Buenos días, ", "Buenas tardes. ", "Hola buenas, ");
    private static final List<String> CLOSERS_ES =
            List.of(" Gracias.", " Muchas gracias!", " Por favor!", " 🙏", " gracias");

    /**
     * Residents do not all write alike: a greeting, a sign-off, an emoji. Not on e-mail (the
     * templates have their own), the phone (a call-taker's note) or Open311 (a form's description).
     */
    private String vary(String text, Template template, ChannelKind channel) {
        if (channel == ChannelKind.EMAIL || channel == ChannelKind.PHONE || channel == ChannelKind.OPEN311) return text;
        boolean spanish = template.language().equals("es");
        String result = text;
        if (random.nextDouble() < 0.2 && template.kind() != Kind.SPAM) {
            String opener = pick(spanish ? OPENERS_ES : OPENERS_EN);
            boolean keepCapital = template.text().startsWith("{")
                    || result.startsWith("I ")
                    || result.startsWith("I'")
                    || result.length() < 2
                    || !Character.isLowerCase(result.charAt(1));
            result = opener
                    + (keepCapital || opener.endsWith(". ")
                            ? result
                            : Character.toLowerCase(result.charAt(0)) + result.substring(1));
        }
        if (random.nextDouble() < 0.2 && template.kind() != Kind.SPAM) {
            String closer = pick(spanish ? CLOSERS_ES : CLOSERS_EN);
            boolean sentence = closer.length() > 1 && Character.isUpperCase(closer.charAt(1));
            boolean ended = result.matches("(?s).*[.!?)]$");
            result = result + (sentence && !ended ? "." : "") + closer;
        }
        return result;
    }

    private ChannelKind channel(Resident r, Instant at) {
        List<ChannelKind> channels = r.channels();
        ChannelKind c = channels.size() > 1 && random.nextDouble() < 0.3 ? channels.get(1) : channels.get(0);
        if (c == ChannelKind.PHONE && !callCentreOpen(at)) {
            c = channels.stream()
                    .filter(k -> k != ChannelKind.PHONE)
                    .findFirst()
                    .orElse(ChannelKind.WEB);
        }
        return c;
    }

    /** How long a message takes to reach CivicLoop after the resident sent it. */
    private Duration delivery(ChannelKind channel) {
        return switch (channel) {
            case MASTODON, BLUESKY -> Duration.ofSeconds(5 + random.nextInt(85));
            case EMAIL -> Duration.ofSeconds(10 + random.nextInt(290));
            case SMS -> Duration.ofSeconds(2 + random.nextInt(8));
            case PHONE -> Duration.ofSeconds(120 + random.nextInt(360));
            default -> Duration.ofMillis(200 + random.nextInt(1800));
        };
    }

    /** A template for the message: the right language, kind, service and channel, loosening in that order. */
    private Template template(
            String language, Kind kind, String service, ChannelKind channel, Instant at, Set<Template> used) {
        boolean winter = isWinter(at);
        List<Template> exact = new ArrayList<>();
        List<Template> forChannel = new ArrayList<>();
        List<Template> anyChannel = new ArrayList<>();
        List<Template> fallback = new ArrayList<>();
        for (Template t : templates) {
            if (used.contains(t)) continue;
            if (service != null && !t.serviceCode().equals(service)) continue;
            if (service == null && !winter && t.serviceCode().equals("snow-removal")) continue;
            boolean kindFits = t.kind() == kind || (kind == Kind.FOLLOWUP && t.kind() == Kind.REPORT);
            if (!kindFits) continue;
            boolean exactKind = t.kind() == kind;
            if (t.language().equals(language)) {
                if (exactKind && t.fits(channel)) {
                    exact.add(t);
                    if (!t.anyChannel()) forChannel.add(t);
                } else if (t.anyChannel()) anyChannel.add(t);
            }
            if (t.language().equals("en") && t.anyChannel()) fallback.add(t);
        }
        // what reads like the channel ("Caller reports…" on the phone) is preferred when there is some
        double preferChannel = service == null ? 0 : channel == ChannelKind.PHONE ? 0.85 : 0.4;
        if (!forChannel.isEmpty() && random.nextDouble() < preferChannel) {
            return pick(forChannel);
        }
        if (!exact.isEmpty()) return pick(exact);
        if (!anyChannel.isEmpty()) return pick(anyChannel);
        if (!fallback.isEmpty()) return pick(fallback);
        if (!used.isEmpty()) return template(language, kind, service, channel, at, Set.of());
        throw new IllegalStateException("No template for " + kind + " " + service + " in " + language);
    }

    private String socialName(Resident r) {
        if (PSEUDONYMS.stream().anyMatch(r.nick()::startsWith)) return random.nextBoolean() ? null : r.nick();
        return random.nextBoolean() ? r.first() + " " + r.last().charAt(0) + "." : r.first();
    }

    // ---------------------------------------------------------------- cases

    private CaseDraft caseFor(Problem p, List<PlannedMessage> messages, int index) {
        if (p.messages.isEmpty()) return null;
        boolean taken = random.nextDouble() < (p.messages.size() >= 2 ? 0.8 : 0.47);
        if (!taken) return null;
        Offering offering = p.offering;
        PlannedMessage first = messages.get(p.messages.get(0));
        Instant openedAt = offering.aroundTheClock()
                ? first.receivedAt().plus(minutes(3, 40))
                : working(first.receivedAt().plus(minutes(4, 150)));
        if (openedAt.isAfter(now.minus(Duration.ofMinutes(2)))) return null;

        CaseDraft c = new CaseDraft();
        c.index = index;
        c.problem = p;
        c.openedAt = openedAt;
        c.language = first.message().language();
        c.firstText = first.message().text();
        c.priority = offering.priority();
        if (p.messages.size() >= 4 && c.priority.ordinal() < CasePriority.URGENT.ordinal()) {
            c.priority = CasePriority.values()[c.priority.ordinal() + 1];
        }
        for (int m : p.messages) {
            Instant received = messages.get(m).receivedAt();
            if (!received.isAfter(openedAt.minusSeconds(30))) {
                c.opening.add(m);
                continue;
            }
            Instant at = received.plus(minutes(5, 300));
            if (!offering.aroundTheClock()) at = working(at);
            if (at.isBefore(now.minus(Duration.ofMinutes(1)))) c.later.add(new Attachment(m, at));
        }
        c.later.sort(Comparator.comparing(Attachment::at));
        planTransitions(c);
        return c;
    }

    private void planTransitions(CaseDraft c) {
        Offering o = c.problem.offering;
        double ack = o.service().acknowledgeHours();
        double resolve = o.service().resolveHours();
        List<Moment> path = new ArrayList<>();
        Instant t = c.openedAt;
        if (random.nextDouble() < 0.06) {
            if (random.nextBoolean()) {
                t = staffTime(o, t, hours(uniform(0.05, 0.8) * ack));
                path.add(new Moment(CaseStatus.ACKNOWLEDGED, t, false));
            }
            t = officeTime(t, hours(uniform(0.5, 24)));
            path.add(new Moment(CaseStatus.CLOSED, t, true));
        } else {
            double ackDelay = random.nextDouble() < 0.12 ? uniform(1.2, 2.5) * ack : uniform(0.05, 0.9) * ack;
            t = staffTime(o, t, hours(ackDelay));
            path.add(new Moment(CaseStatus.ACKNOWLEDGED, t, false));
            if (random.nextDouble() < 0.8) {
                t = staffTime(o, t, hours(uniform(0.3, Math.max(1, 0.15 * resolve))));
                path.add(new Moment(CaseStatus.ASSIGNED, t, false));
            }
            if (random.nextDouble() < 0.85) {
                t = staffTime(o, t, hours(uniform(0.05, 0.45) * resolve));
                path.add(new Moment(CaseStatus.IN_PROGRESS, t, false));
            }
            double late = random.nextDouble() < 0.15 ? uniform(0.5, 1.5) * resolve : 0;
            t = staffTime(o, t, hours(uniform(0.5, Math.max(1, 0.35 * resolve)) + late));
            path.add(new Moment(CaseStatus.RESOLVED, t, false));
            if (random.nextDouble() < 0.08) {
                t = officeTime(t, hours(uniform(12, 120)));
                path.add(new Moment(CaseStatus.REOPENED, t, false));
                t = staffTime(o, t, hours(uniform(2, 0.5 * resolve + 24)));
                path.add(new Moment(CaseStatus.IN_PROGRESS, t, false));
                t = staffTime(o, t, hours(uniform(1, 0.3 * resolve + 2)));
                path.add(new Moment(CaseStatus.RESOLVED, t, false));
            }
            t = officeTime(t, hours(uniform(24, 168)));
            path.add(new Moment(CaseStatus.CLOSED, t, false));
        }
        Instant cutoff = now.minus(Duration.ofMinutes(1));
        for (Moment m : path) {
            if (m.at().isAfter(cutoff)) break;
            c.transitions.add(transition(c, m.status(), m.at(), m.declined()));
        }
    }

    private Transition transition(CaseDraft c, CaseStatus status, Instant at, boolean declined) {
        String service = c.problem.offering.code();
        boolean publicWorks = c.problem.offering.service().departmentCode().equals("public-works");
        String noteStatus = declined ? "declined" : status.code();
        double publicChance = declined
                ? 1.0
                : switch (status) {
                    case ACKNOWLEDGED -> 0.7;
                    case ASSIGNED -> 0.35;
                    case IN_PROGRESS -> 0.45;
                    case RESOLVED -> 0.95;
                    case CLOSED -> 0.25;
                    case REOPENED -> 0.9;
                    case NEW -> 0.0;
                };
        double internalChance = declined
                ? 0.7
                : switch (status) {
                    case ACKNOWLEDGED -> 0.25;
                    case ASSIGNED -> 0.6;
                    case IN_PROGRESS, RESOLVED -> 0.5;
                    case CLOSED -> 0.35;
                    case REOPENED -> 0.8;
                    case NEW -> 0.0;
                };
        String publicNote =
                random.nextDouble() < publicChance ? note(noteStatus, service, c.language, c.problem, at) : null;
        String internalNote =
                random.nextDouble() < internalChance ? note(noteStatus, service, "internal", c.problem, at) : null;
        String actor =
                (status == CaseStatus.IN_PROGRESS || status == CaseStatus.RESOLVED) && publicWorks ? "crew" : "agent";
        String assignee = status == CaseStatus.ASSIGNED && publicWorks ? "crew" : null;
        return new Transition(status, at, publicNote, internalNote, actor, assignee);
    }

    private String note(String status, String service, String audience, Problem p, Instant at) {
        List<Note> specific = new ArrayList<>();
        List<Note> generic = new ArrayList<>();
        for (Note n : notes) {
            if (!n.status().equals(status) || !n.audience().equals(audience)) continue;
            if (n.serviceCode().equals(service)) specific.add(n);
            else if (n.serviceCode().equals("*")) generic.add(n);
        }
        List<Note> from = !specific.isEmpty() && (generic.isEmpty() || random.nextDouble() < 0.6) ? specific : generic;
        if (from.isEmpty()) return null;
        String language = audience.equals("es") ? "es" : "en";
        Map<String, String> values = new HashMap<>();
        values.put("street", p.street.name());
        values.put("day", weekday(workday(at.plus(Duration.ofDays(1 + random.nextInt(3)))), language));
        values.put("count", String.valueOf(3 + random.nextInt(5)));
        return RivertonTexts.fill(pick(from).text(), values);
    }

    /**
     * Makes sure the city shows every status at least once, by stopping the newest suitable case
     * earlier in its life (or, for a reopening, by reopening an old one).
     */
    private void ensureEveryStatus(List<CaseDraft> cases) {
        List<CaseDraft> newestFirst = new ArrayList<>(cases);
        newestFirst.sort(Comparator.comparing((CaseDraft c) -> c.openedAt).reversed());
        for (CaseStatus wanted : CaseStatus.values()) {
            Map<CaseStatus, Integer> counts = new EnumMap<>(CaseStatus.class);
            for (CaseDraft c : cases) counts.merge(c.finalStatus(), 1, Integer::sum);
            if (counts.getOrDefault(wanted, 0) > 0) continue;
            boolean done = false;
            for (CaseDraft c : newestFirst) {
                if (counts.getOrDefault(c.finalStatus(), 0) < 2) continue;
                int keep = -1;
                if (wanted == CaseStatus.NEW) keep = 0;
                for (int i = c.transitions.size() - 2; i >= 0 && keep < 0; i--) {
                    if (c.transitions.get(i).status() == wanted) keep = i + 1;
                }
                if (keep < 0) continue;
                c.transitions.subList(keep, c.transitions.size()).clear();
                done = true;
                break;
            }
            if (done || wanted != CaseStatus.REOPENED) continue;
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                CaseDraft c = newestFirst.get(i);
                if (c.transitions.isEmpty() || counts.getOrDefault(c.finalStatus(), 0) < 2) continue;
                if (!c.finalStatus().canMoveTo(CaseStatus.REOPENED)) continue;
                Instant last = c.transitions.get(c.transitions.size() - 1).at();
                Duration gap = Duration.between(last, now);
                if (gap.toHours() < 2) continue;
                Instant at = last.plus(Duration.ofSeconds((long) (gap.getSeconds() * uniform(0.3, 0.8))));
                c.transitions.add(transition(c, CaseStatus.REOPENED, at, false));
                break;
            }
        }
    }

    // ---------------------------------------------------------------- time

    /** A moment between {@code from} and {@code to}, busier in the day and quieter at weekends. */
    private Instant sampleTime(Instant from, Instant to) {
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        if (b <= a) return to;
        for (int attempt = 0; attempt < 100; attempt++) {
            Instant candidate = Instant.ofEpochSecond(a + (long) (random.nextDouble() * (b - a)));
            ZonedDateTime local = candidate.atZone(RivertonCity.ZONE);
            double weight = HOUR_WEIGHTS[local.getHour()] / MAX_HOUR_WEIGHT;
            if (isWeekend(local)) weight *= 0.55;
            if (random.nextDouble() < weight) return candidate;
        }
        return Instant.ofEpochSecond(a + (long) (random.nextDouble() * (b - a)));
    }

    /** When staff get to something: right away for services answered around the clock, else in office hours. */
    private Instant staffTime(Offering o, Instant after, Duration delay) {
        Instant t = after.plus(delay.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : delay);
        return o.aroundTheClock() ? t : working(t);
    }

    /** When the office gets to something (closing, reopening): always in office hours. */
    private Instant officeTime(Instant after, Duration delay) {
        return working(after.plus(delay.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : delay));
    }

    /** The moment itself if it is in office hours (weekdays 8:00 to 17:00), else shortly after the next opening. */
    private Instant working(Instant t) {
        ZonedDateTime local = t.atZone(RivertonCity.ZONE);
        if (!isWeekend(local) && local.getHour() >= 8 && local.getHour() < 17) return t;
        LocalDate day =
                local.getHour() < 8 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(8, 0).atZone(RivertonCity.ZONE).toInstant().plusSeconds(random.nextInt(100 * 60));
    }

    /** The moment itself on a weekday, else the Monday after. */
    private static Instant workday(Instant at) {
        ZonedDateTime local = at.atZone(RivertonCity.ZONE);
        while (isWeekend(local)) local = local.plusDays(1);
        return local.toInstant();
    }

    private static boolean callCentreOpen(Instant at) {
        ZonedDateTime local = at.atZone(RivertonCity.ZONE);
        return !isWeekend(local) && local.getHour() >= 8 && local.getHour() < 18;
    }

    private static boolean isWeekend(ZonedDateTime local) {
        DayOfWeek d = local.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private static boolean isWinter(Instant at) {
        int month = at.atZone(RivertonCity.ZONE).getMonthValue();
        return month == 12 || month <= 3;
    }

    private static String weekday(Instant at, String language) {
        return at.atZone(RivertonCity.ZONE)
                .getDayOfWeek()
                .getDisplayName(TextStyle.FULL, Locale.forLanguageTag(language));
    }

    private Duration minutes(int from, int to) {
        return Duration.ofSeconds(from * 60L + random.nextInt((to - from) * 60));
    }

    private static Duration hours(double hours) {
        return Duration.ofSeconds((long) (hours * 3600));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- small things

    private double uniform(double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Offering weighted(List<Offering> offerings) {
        int total = offerings.stream().mapToInt(Offering::weight).sum();
        int r = random.nextInt(total);
        for (Offering o : offerings) {
            r -= o.weight();
            if (r < 0) return o;
        }
        return offerings.get(offerings.size() - 1);
    }

    private String plate() {
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) sb.append(letters.charAt(random.nextInt(letters.length())));
        return sb.append(' ').append(1000 + random.nextInt(9000)).toString();
    }

    private static String ordinal(int n) {
        return n
                + switch (n) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
    }

    /** A Bluesky record key: a timestamp identifier in base32-sortable. */
    private static String tid(Instant at, int index) {
        String alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        long value = (micros << 10) | (index & 0x3ff);
        value &= Long.MAX_VALUE;
        char[] chars = new char[13];
        for (int i = 12; i >= 0; i--) {
            chars[i] = alphabet.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(chars);
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z0-9]", "")
                .toLowerCase(Locale.ROOT);
    }

    private static double round(double coordinate) {
        return Math.round(coordinate * 1_000_000d) / 1_000_000d;
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) sb.append("\\u%04x".formatted((int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
