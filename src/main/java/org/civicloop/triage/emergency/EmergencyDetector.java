package org.civicloop.triage.emergency;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catches messages that describe a danger to life or property happening now — gas smell, fire or
 * smoke, flooding, a downed power line, someone hurt, violence — in English and Spanish, so that
 * the resident is told at once to call 911 and on-duty staff are alerted, whatever the rest of
 * triage thinks. Recall comes first: a false alarm costs a polite automatic reply; a missed gas
 * leak costs lives. The rules are phrase patterns over text folded to lower case without accents
 * (so "olor a gás" and "OLOR A GAS" are the same), with exclusions for the everyday phrases that
 * merely contain a hazard word (fire hydrant, gas lamp, fireworks, smoke-free).
 *
 * <p>Stateless and thread-safe.
 */
public final class EmergencyDetector {

    /** Why a message is an emergency: the hazard and the words that showed it. */
    public record Finding(Hazard hazard, String evidence) {}

    private record Rule(Hazard hazard, Pattern pattern) {}

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(Hazard hazard, String regex) {
        RULES.add(new Rule(hazard, Pattern.compile(regex)));
    }

    // Everyday phrases that contain a hazard word but describe no danger now: removed before matching.
    private static final Pattern HARMLESS = Pattern.compile(String.join(
            "|",
            "\\bfire ?(hydrants?|stations?|department|dept|house|fighters?|trucks?|lanes?|works|pits?|codes?|marshal"
                    + "|inspectors?|escapes?|drills?|bans?|permits?|season|chief|academy|company|places?|hazards?|safety|risk)\\b",
            "\\b(bon|camp|chiminea|fire ?pit|ceremonial|wood) ?fires?\\b",
            "\\bfire(d|s)? (him|her|them|the (manager|director|contractor|mayor))\\b",
            "\\bceasefire\\b",
            "\\bsmoke[- ]?(free|shops?|detectors? (test|batter\\w*|install\\w*|program))\\b",
            "\\b(no|stop) smoking\\b",
            "\\bgas (lamps?|lights?|stations?|prices?|mileage|powered|blowers?|leaf blowers?|cans?|tax|company|bill)\\b",
            "\\bnational grid gas\\b",
            "\\bflood ?(zones?|maps?|insurance|plains?|gates?)\\b",
            "\\bfuegos? artificiales\\b",
            "\\bgasolinera\\b",
            "\\b(shooting|shoot) (photos?|pictures?|a (film|movie|video)|hoops)\\b",
            "\\bphoto ?shoot\\b"));

    static {
        // --- gas -------------------------------------------------------------------------------
        String gas = "(gas+|natural gas|propane|sulfur|sulphur|rotten eggs?|mercaptan)";
        rule(
                Hazard.GAS,
                "\\b(smel+s?|smel+ing|smel+ed|smelt|odou?rs?|stench|reek\\w*|whiff)\\b.{0,40}\\b" + gas + "\\b");
        rule(Hazard.GAS, "\\b(gas+|propane)\\b.{0,25}\\b(smel+s?|smel+ing|odou?rs?|leak\\w*|escaping|hiss\\w*)\\b");
        rule(Hazard.GAS, "\\b(leak\\w*|hiss\\w*)\\b.{0,25}\\b(gas+|propane|gas meter|gas line|gas main)\\b");
        rule(Hazard.GAS, "\\b(carbon monoxide|co (alarm|detector) (is )?(going off|beeping|sounding))\\b");
        rule(Hazard.GAS, "\\b(huele|huelo|olor|oler|olia|apesta)\\b.{0,30}\\bgas\\b");
        rule(Hazard.GAS, "\\b(fuga|escape|salida)s? de gas\\b");
        rule(Hazard.GAS, "\\bgas\\b.{0,25}\\b(fuga|olor|escapando|saliendo)\\b");
        rule(Hazard.GAS, "\\bmonoxido de carbono\\b");

        // --- fire and smoke ----------------------------------------------------------------------
        rule(
                Hazard.FIRE,
                "\\b(on fire|in flames|ablaze|engulfed|fire is spreading|caught fire|catching fire|set fire|set on fire)\\b");
        rule(
                Hazard.FIRE,
                "\\b(house|home|building|car|vehicle|truck|apartment|garage|brush|grass|trash|dumpster|tree"
                        + "|kitchen|wild|forest|structure|electrical|roof|porch|shed|barn|bus) ?fires?\\b");
        rule(
                Hazard.FIRE,
                "\\bfires?\\b.{0,30}\\b(spreading|out of control|next door|in the|at the|behind|across|near|on the"
                        + "|inside|upstairs|downstairs)\\b");
        rule(Hazard.FIRE, "\\b(there'?s|there is|i see|see|big|huge|massive|a) fire\\b");
        rule(Hazard.FIRE, "\\bsmoke\\b.{0,25}\\b(coming|pouring|billowing|rising|from|out of|filling|everywhere)\\b");
        rule(Hazard.FIRE, "\\b(see|seeing|smell|smel+ing|lots of|thick|black|heavy|white|grey|gray|so much) smoke\\b");
        rule(Hazard.FIRE, "\\bsmoke (alarm|detector)s? (is |are )?(going off|beeping|sounding|ringing)\\b");
        rule(Hazard.FIRE, "\\b(flames?|explosion|exploded|explod\\w+|blew up)\\b");
        rule(
                Hazard.FIRE,
                "\\b(incendio|incendios|en llamas|se esta quemando|se quema|quemandose|se incendio|prendio fuego"
                        + "|humo|humareda|explosion|exploto)\\b");
        rule(Hazard.FIRE, "\\bfuego\\b");

        // --- flooding ----------------------------------------------------------------------------
        rule(Hazard.FLOODING, "\\b(flood\\w*|floodwaters?|under water|underwater|submerged)\\b");
        rule(
                Hazard.FLOODING,
                "\\bwater\\b.{0,20}\\b(pouring|gushing|rushing|coming|spilling|flowing|seeping|rising)\\b.{0,15}"
                        + "\\b(in|into|through|inside|under)\\b");
        rule(Hazard.FLOODING, "\\b(water ?main|main)\\b.{0,15}\\b(break|broke|broken|burst|bust\\w*)\\b");
        rule(Hazard.FLOODING, "\\b(burst|bursted|busted) (water )?(pipe|main)s?\\b");
        rule(
                Hazard.FLOODING,
                "\\bwater\\b.{0,15}\\b(up to|over|above)\\b.{0,10}\\b(knees?|waist|car|cars|tires|doors?|curb)\\b");
        rule(Hazard.FLOODING, "\\b(inundacion|inundaciones|inundad\\w*|inunda|se inundo|anegad\\w*|crecida)\\b");
        rule(Hazard.FLOODING, "\\bagua\\b.{0,20}\\b(entrando|entra|metiendo|sube|subiendo|hasta)\\b");
        rule(
                Hazard.FLOODING,
                "\\b(se rompio|reventad\\w*|revento|rotura)\\b.{0,20}\\b(tuberia|tubo|cano|matriz|principal)\\b");

        // --- power lines -------------------------------------------------------------------------
        String line =
                "((power|electric|electrical|utility|live|hot|hydro|high voltage|phone|cable) (lines?|wires?|cables?)|wires?)";
        rule(
                Hazard.POWER_LINE,
                "\\b" + line + "\\b.{0,40}\\b(down|fallen|fell|hanging|dangling|sparking|sparks|snapped"
                        + "|on the (ground|road|street|sidewalk|car|cars|house|fence)|across the (road|street)|arcing|smoking)\\b");
        rule(
                Hazard.POWER_LINE,
                "\\b(downed|fallen|sparking|dangling|hanging|live) (power |electric |electrical |utility )?(lines?|wires?|cables?)\\b");
        rule(Hazard.POWER_LINE, "\\b(sparks?|sparking|arcing)\\b.{0,30}\\b(poles?|transformers?|wires?|lines?|box)\\b");
        rule(
                Hazard.POWER_LINE,
                "\\btransformers?\\b.{0,20}\\b(blew|blown|exploded|explod\\w*|on fire|sparking|smoking)\\b");
        rule(
                Hazard.POWER_LINE,
                "\\b(poles?|utility pole|telephone pole)\\b.{0,20}\\b(fell|fallen|down|snapped|leaning on)\\b.{0,30}"
                        + "\\b(wires?|lines?|house|car|road|street)\\b");
        rule(
                Hazard.POWER_LINE,
                "\\b(cables?|alambres?)\\b.{0,30}\\b(caidos?|en el suelo|en la calle|sueltos?|colgando|chispas"
                        + "|echando chispas)\\b");
        rule(Hazard.POWER_LINE, "\\b(chispas|chispea\\w*|poste\\w* (caido|electrico caido|de luz caido))\\b");

        // --- someone hurt ------------------------------------------------------------------------
        String who = "(someone|somebody|a (man|woman|person|kid|child|boy|girl|cyclist|pedestrian|biker|driver|guy|lady"
                + "|worker|student|senior|neighbou?r)|people|he|she|they|my (son|daughter|mom|mother|dad|father|wife|husband|friend|neighbou?r"
                + "|grandma|grandmother|grandpa|grandfather|brother|sister|kid|child|baby|boy|girl)|an? (old|elderly|young) (man|woman|person))";
        rule(
                Hazard.INJURY,
                "\\b" + who + " (is |are |was |has been |just |got |just got |have been |been )*(badly |seriously )?"
                        + "(hurt|injured|bleeding|unconscious|unresponsive|not breathing|trapped|collapsed|choking|drowning)\\b");
        rule(
                Hazard.INJURY,
                "\\b" + who + " (is |are |was |has been |just |got |just got |have been |been )+(badly |seriously )?"
                        + "(hit|struck|run over|knocked down|stabbed|shot)\\b");
        rule(
                Hazard.INJURY,
                "\\b(not breathing|unconscious|unresponsive|bleeding (badly|a lot|heavily|everywhere)|heart attack"
                        + "|overdos\\w+|seizure|having a stroke|collapsed|passed out|can'?t breathe|cannot breathe|severely injured"
                        + "|badly hurt|seriously hurt|seriously injured|lying in the (road|street)|drowning)\\b");
        rule(
                Hazard.INJURY,
                "\\b(hit|struck|ran over|run over|knocked down) by (a|an|the) (car|truck|bus|vehicle|van|driver)\\b");
        rule(
                Hazard.INJURY,
                "\\b(car|bus|truck|van|driver)s? (just )?(hit|struck|ran over) (a|an|someone|somebody|my|the|two|three)\\b");
        rule(Hazard.INJURY, "\\b(bad|serious|major|terrible|horrible|huge) (accident|crash|collision|wreck)\\b");
        rule(
                Hazard.INJURY,
                "\\b(accident|crash|collision|wreck)\\b.{0,30}\\b(injur\\w*|hurt|bleeding|trapped|ambulance)\\b");
        rule(Hazard.INJURY, "\\b(need|needs|send|call) (an )?ambulance\\b");
        rule(
                Hazard.INJURY,
                "\\b(herid[oa]s?|lesionad[oa]s?|sangrando|sangra mucho|inconsciente|no respira|desmayad[oa]|se desmayo"
                        + "|atropell\\w+|infarto|ataque al corazon|sobredosis|convulsion\\w*|ahogando|atrapad[oa]s?|lastimad[oa]s?"
                        + "|ambulancia|accidente grave|choque grave)\\b");

        // --- violence ----------------------------------------------------------------------------
        rule(
                Hazard.VIOLENCE,
                "\\b(shooting|shootings|shots fired|gunshots?|gunfire|gunman|stabb\\w+|knife|knives|machete"
                        + "|with a gun|has a gun|have a gun|pointing a gun|waving a gun|armed (man|men|person|robbery)|assault\\w*"
                        + "|attack\\w*|beating (up|someone|a|him|her)|being beaten|beat up|fist ?fight|brawl|robbery|robbing|mugg\\w+"
                        + "|domestic violence|kidnap\\w*|abduct\\w*|hostage|threatening to (kill|hurt|shoot)|going to kill"
                        + "|gonna kill|punching|strangl\\w+)\\b");
        rule(Hazard.VIOLENCE, "\\bfight(s|ing)?\\b.{0,20}\\b(in|on|outside|at|near|behind|breaking out|broke out)\\b");
        rule(
                Hazard.VIOLENCE,
                "\\b(disparos?|disparando|balacera|balazos?|tiroteo|baleado|apunal\\w+|acuchill\\w+|cuchillo|navaja"
                        + "|pistola|armad[oa]s?|con un arma|pelea|peleando|golpeando|golpeandol[ao]|le pegan|le estan pegando|asalto"
                        + "|asaltando|atraco|robando|violencia|secuestr\\w+|amenaza\\w* (de muerte|con matar|con un)"
                        + "|(va|van|quiere|quieren) a matar|(lo|la|me|te|nos|los|las) (va|van|quiere|quieren) matar)\\b");

        // --- phrasings found missing when the written emergencies were first checked -----------
        rule(Hazard.POWER_LINE, "\\b(cayo|se cayo|caido|caida|derrib\\w+)\\b.{0,20}\\bpostes?\\b");
        rule(
                Hazard.INJURY,
                "\\b((fell|fallen|went) (through the ice|into the (river|water|lake|pond|harbou?r|sea|creek|canal))"
                        + "|man overboard|(cayo|se cayo) al (agua|rio|lago|mar))\\b");
    }

    /**
     * Word starts that every rule needs at least one of: most messages contain none, and are
     * passed over with one scan instead of one per rule. A rule added above must have its words
     * here (the written emergencies in the tests go through this filter too).
     */
    private static final Pattern TRIGGERS = Pattern.compile("\\b("
            + String.join(
                    "|",
                    "gas",
                    "propane|sulf|sulph|rotten|mercaptan|monox|carbon|co (alarm|detector)|smel|odou?r|stench|reek|whiff|hiss|leak",
                    "huel|olor|oler|olia|apesta|fuga|escape|salida",
                    "smoke|fire|flame|explo|blew|burn|ablaze|engulf|incend|llamas|quem|humo|fuego|prendio",
                    "flood|water|under ?water|submerg|main|pipe|burst|bust|inund|anega|agua|tuber|tubo|cano|crecida|revent|rotura|se rompio",
                    "line|wire|cable|spark|arc|transformer|pole|poste|alambre|chispa|chispea|cayo|caid|derrib",
                    "hurt|injur|bleed|unconscious|unresponsive|breath|hit|struck|run over|ran over|knocked|trapped|collaps"
                            + "|chok|drown|stabb|shot|heart attack|overdos|seizure|stroke|passed out|lying|accident|crash"
                            + "|collision|wreck|ambulanc|fell|fallen|went|overboard",
                    "heri|lesion|sangr|inconsc|respira|desmay|atropell|infarto|ataque|sobredosis|convuls|ahog|atrapad|lastim"
                            + "|accidente|choque",
                    "shoot|gun|knife|knives|machete|armed|assault|attack|beat|being beaten|fist|fight|brawl|robb|mugg|domestic"
                            + "|kidnap|abduct|hostage|threaten|going to kill|gonna kill|punch|strangl",
                    "dispar|balac|balaz|tiroteo|balead|apunal|acuchill|cuchillo|navaja|pistola|armad|con un arma|pelea|golpe"
                            + "|pegan|pegando|asalt|atraco|roband|violencia|secuestr|amenaz|va a matar|van a matar|quiere|quieren")
            + ")");

    /** The first danger found, or empty. */
    public Optional<Finding> detect(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String folded = HARMLESS.matcher(fold(text)).replaceAll(" ");
        if (!TRIGGERS.matcher(folded).find()) return Optional.empty();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(folded);
            if (m.find())
                return Optional.of(new Finding(rule.hazard(), m.group().strip()));
        }
        return Optional.empty();
    }

    public boolean isEmergency(String text) {
        return detect(text).isPresent();
    }

    /** Lower case, accents removed, typographic apostrophes straightened, whitespace collapsed. */
    static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT);
        return s.replaceAll("\\s+", " ");
    }
}
