package org.civicloop.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.civicloop.cases.CasePriority;
import org.civicloop.cases.Department;
import org.civicloop.cases.Service;

/**
 * The fictional city of Riverton: its departments, the services residents can ask for, and its
 * streets ({@code demo/riverton-streets.csv}). Every name and address is invented.
 */
final class RivertonCity {

    /** Riverton is a New England river town. */
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    static final List<Department> DEPARTMENTS = List.of(
            new Department("public-works", "Public Works", "publicworks@riverton.example.org"),
            new Department("transportation", "Transportation", "transportation@riverton.example.org"),
            new Department("parks", "Parks & Recreation", "parks@riverton.example.org"),
            new Department("sanitation", "Sanitation", "sanitation@riverton.example.org"),
            new Department("water-sewer", "Water & Sewer", "water@riverton.example.org"),
            new Department("code-enforcement", "Code Enforcement", "codeenforcement@riverton.example.org"),
            new Department("mayors-office", "Mayor's Office", "mayor@riverton.example.org"));

    /**
     * A service as Riverton offers it: the catalogue entry, the priority its cases start with, how
     * often residents report it (relative weight) and whether a crew answers around the clock.
     */
    record Offering(Service service, CasePriority priority, int weight, boolean aroundTheClock) {
        String code() {
            return service.code();
        }
    }

    static final List<Offering> SERVICES = List.of(
            offering(
                    "pothole",
                    "Pothole",
                    "A hole or a sunken patch in the roadway.",
                    "public-works",
                    24,
                    120,
                    "pothole, pot hole, hole, road, asphalt, tire, rim, bache",
                    CasePriority.NORMAL,
                    18,
                    false),
            offering(
                    "streetlight-out",
                    "Streetlight out",
                    "A streetlight that is out, flickering or on during the day.",
                    "public-works",
                    48,
                    240,
                    "streetlight, street light, light pole, dark, lamp, luz, poste",
                    CasePriority.NORMAL,
                    10,
                    false),
            offering(
                    "traffic-signal",
                    "Traffic signal problem",
                    "A traffic light that is out, stuck or badly timed; a broken walk button.",
                    "transportation",
                    4,
                    24,
                    "traffic light, signal, red light, walk signal, semaforo, semáforo",
                    CasePriority.HIGH,
                    4,
                    true),
            offering(
                    "street-sign",
                    "Damaged or missing sign",
                    "A stop sign, street name sign or other traffic sign that is down, missing or hidden.",
                    "transportation",
                    24,
                    168,
                    "stop sign, sign, street sign, señal, pare, alto",
                    CasePriority.HIGH,
                    3,
                    false),
            offering(
                    "missed-trash-pickup",
                    "Missed trash or recycling pickup",
                    "Trash or recycling that was not collected on the scheduled day.",
                    "sanitation",
                    24,
                    48,
                    "trash, garbage, recycling, bins, pickup, missed, basura, reciclaje",
                    CasePriority.NORMAL,
                    12,
                    false),
            offering(
                    "bulk-item-pickup",
                    "Bulk item pickup",
                    "Collection of furniture, mattresses, appliances and other large items.",
                    "sanitation",
                    48,
                    168,
                    "bulk, couch, sofa, mattress, furniture, appliance, fridge, colchón, muebles",
                    CasePriority.LOW,
                    5,
                    false),
            offering(
                    "graffiti",
                    "Graffiti",
                    "Graffiti on public property: walls, bridges, signs, utility boxes.",
                    "public-works",
                    72,
                    240,
                    "graffiti, tag, tagging, spray paint, grafiti",
                    CasePriority.LOW,
                    6,
                    false),
            offering(
                    "illegal-dumping",
                    "Illegal dumping",
                    "Trash, tires, furniture or debris dumped on public land.",
                    "sanitation",
                    48,
                    168,
                    "dumping, dumped, tires, mattress, debris, trash pile, tiraron, llantas",
                    CasePriority.NORMAL,
                    7,
                    false),
            offering(
                    "park-maintenance",
                    "Park maintenance",
                    "Broken play equipment, benches, fountains, restrooms; mowing and litter in parks.",
                    "parks",
                    72,
                    336,
                    "park, playground, swing, bench, fountain, field, restroom, parque, columpios",
                    CasePriority.NORMAL,
                    5,
                    false),
            offering(
                    "fallen-tree",
                    "Fallen tree or limb",
                    "A tree or a limb down or about to fall on a street, sidewalk or park.",
                    "parks",
                    4,
                    48,
                    "tree, limb, branch, fallen, storm, árbol, rama",
                    CasePriority.HIGH,
                    4,
                    true),
            offering(
                    "water-main-break",
                    "Water main break",
                    "Water coming up through the street, a sudden loss of pressure.",
                    "water-sewer",
                    2,
                    24,
                    "water main, leak, flooding, no water, pressure, pipe, fuga, agua, tubo",
                    CasePriority.URGENT,
                    2,
                    true),
            offering(
                    "sewer-backup",
                    "Sewer backup or blocked drain",
                    "Sewage backing up, a sewer smell, a clogged storm drain or catch basin.",
                    "water-sewer",
                    4,
                    48,
                    "sewer, sewage, drain, catch basin, manhole, smell, flood, alcantarilla, drenaje",
                    CasePriority.HIGH,
                    3,
                    true),
            offering(
                    "noise-complaint",
                    "Noise complaint",
                    "Persistent noise: music, construction outside permitted hours, alarms, animals.",
                    "code-enforcement",
                    24,
                    72,
                    "noise, loud, music, party, construction, barking, leaf blower, ruido, música",
                    CasePriority.LOW,
                    7,
                    false),
            offering(
                    "abandoned-vehicle",
                    "Abandoned vehicle",
                    "A vehicle left on a public street for a long time, without plates or with expired tags.",
                    "transportation",
                    72,
                    336,
                    "abandoned, car, vehicle, van, trailer, plates, tow, carro abandonado",
                    CasePriority.LOW,
                    5,
                    false),
            offering(
                    "sidewalk-damage",
                    "Sidewalk damage",
                    "Broken, heaved or missing sidewalk; a damaged curb ramp.",
                    "public-works",
                    72,
                    720,
                    "sidewalk, curb, ramp, trip, crack, wheelchair, acera, rampa",
                    CasePriority.NORMAL,
                    5,
                    false),
            offering(
                    "snow-removal",
                    "Snow and ice removal",
                    "An unplowed street, a blocked driveway, an uncleared public sidewalk.",
                    "public-works",
                    12,
                    48,
                    "snow, plow, ice, unplowed, driveway, parking ban, nieve, quitanieves",
                    CasePriority.NORMAL,
                    1,
                    false),
            offering(
                    "overgrown-lot",
                    "Overgrown lot or vegetation",
                    "Tall grass, weeds or bushes on a vacant lot, or blocking a sidewalk or a sight line.",
                    "code-enforcement",
                    72,
                    336,
                    "overgrown, weeds, grass, vacant lot, hedge, bushes, rats, hierba, lote",
                    CasePriority.LOW,
                    3,
                    false),
            offering(
                    "general-feedback",
                    "Questions, ideas and feedback",
                    "Anything else for the city: questions, opinions, ideas, thanks.",
                    "mayors-office",
                    72,
                    336,
                    "question, feedback, idea, opinion, council, budget, thanks, pregunta, opinión",
                    CasePriority.LOW,
                    0,
                    false));

    /** A street of Riverton, with a point near its middle. */
    record Street(String name, String neighbourhood, double latitude, double longitude) {}

    private RivertonCity() {}

    /** The streets in {@code demo/riverton-streets.csv}: {@code street,neighbourhood,lat,lng}. */
    static List<Street> streets() {
        List<Street> streets = new ArrayList<>();
        for (String line : lines("demo/riverton-streets.csv")) {
            if (line.startsWith("street,")) continue;
            String[] f = line.split(",");
            if (f.length != 4) throw new IllegalStateException("riverton-streets.csv: bad line: " + line);
            streets.add(new Street(f[0].strip(), f[1].strip(), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return List.copyOf(streets);
    }

    /** The non-blank, non-comment lines of a resource on the class path. */
    static List<String> lines(String resource) {
        InputStream in = RivertonCity.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("Missing resource " + resource);
        List<String> lines = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) lines.add(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static Offering offering(
            String code,
            String name,
            String description,
            String department,
            int acknowledgeHours,
            int resolveHours,
            String keywords,
            CasePriority priority,
            int weight,
            boolean aroundTheClock) {
        return new Offering(
                new Service(code, name, description, department, acknowledgeHours, resolveHours, keywords),
                priority,
                weight,
                aroundTheClock);
    }
}
