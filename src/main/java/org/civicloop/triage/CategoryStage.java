package org.civicloop.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Service;
import org.civicloop.triage.category.ServiceClassifier;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The service category of a message, from the city's own catalogue (the cases module's services:
 * name, description and keywords as zero-shot descriptions) and staff corrections as examples.
 *
 * <p>The {@link ServiceClassifier} is built once and kept; it is rebuilt — never per message — when
 * the catalogue changed, when {@code rebuild-after-corrections} corrections arrived since it was
 * built (before the next message is classified), or on the {@code rebuild-interval} schedule when
 * fewer did. Rebuilding is cheap: the embeddings of descriptions and examples are cached, so only
 * new texts are embedded and the n-gram model is retrained. The embedding model is loaded on first
 * use, on the triage thread, never on a request thread.
 */
@Component
class CategoryStage {

    private static final Logger log = LoggerFactory.getLogger(CategoryStage.class);
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "with", "that", "this", "from", "are", "was", "not", "but", "have", "has", "our",
            "your", "you", "its", "their", "there", "los", "las", "del", "una", "por", "con", "que", "para");

    /** One built classifier and what it was built from. */
    private record Built(ServiceClassifier classifier, String catalogue, long lastCorrection, int examples) {}

    private final CaseManagement cases;
    private final TriageCorrections corrections;
    private final CategorySettings settings;
    private volatile SentenceEmbeddings embeddings;
    private volatile Built built;

    CategoryStage(CaseManagement cases, TriageCorrections corrections, CategorySettings settings) {
        this.cases = cases;
        this.corrections = corrections;
        this.settings = settings;
    }

    /** The answer for a text (the redacted one: examples shown as "why" must not reveal personal data); null when the catalogue has fewer than two services or the stage is off. */
    MessageTriage.Category classify(String text) {
        if (!settings.enabled()) return null;
        var services = cases.services();
        Built current = current(services, false);
        if (current == null) return null;
        var prediction = current.classifier().classify(text);
        boolean needsHuman = prediction.confidence() < settings.minConfidence();
        List<String> why;
        String whyKind;
        if (!prediction.nearestExamples().isEmpty()) {
            why = prediction.nearestExamples();
            whyKind = "examples";
        } else {
            why = sharedWords(
                    text,
                    services.stream()
                            .filter(s -> s.code().equals(prediction.label()))
                            .findFirst()
                            .orElse(null));
            whyKind = "words";
        }
        return new MessageTriage.Category(prediction.label(), prediction.confidence(), needsHuman, why, whyKind);
    }

    /** What answered, for the stored model version. */
    String version() {
        Built b = built;
        return "category=" + SentenceEmbeddings.modelName() + "/catalogue-"
                + (b == null ? "none" : b.catalogue().substring(0, 8) + "/examples-" + b.examples());
    }

    /** Takes in corrections fewer than the threshold, on the schedule. */
    @Scheduled(
            initialDelayString = "${civicloop.triage.category.rebuild-interval:10m}",
            fixedDelayString = "${civicloop.triage.category.rebuild-interval:10m}")
    void scheduledRebuild() {
        Built b = built;
        if (b == null || !settings.enabled()) return;
        if (corrections.lastId(TriageCorrection.CATEGORY) != b.lastCorrection()) current(cases.services(), true);
    }

    private synchronized Built current(List<Service> services, boolean force) {
        var active = services.stream()
                .filter(s -> s.code() != null && !s.code().isBlank())
                .toList();
        if (active.size() < 2) return null;
        String catalogue = fingerprint(active);
        Built b = built;
        if (b != null && b.catalogue().equals(catalogue) && !force) {
            long pending = corrections.countSince(TriageCorrection.CATEGORY, b.lastCorrection());
            if (pending < Math.max(1, settings.rebuildAfterCorrections())) return b;
        }
        long lastCorrection = corrections.lastId(TriageCorrection.CATEGORY);
        Set<String> codes = new LinkedHashSet<>();
        active.forEach(s -> codes.add(s.code()));
        List<Example> examples = corrections.examples(TriageCorrection.CATEGORY).stream()
                .filter(e -> codes.contains(e.label()))
                .toList();
        var described = active.stream()
                .map(s -> new ServiceClassifier.Service(s.code(), description(s)))
                .toList();
        long started = System.nanoTime();
        var classifier = ServiceClassifier.build(embeddings(), described, examples);
        built = new Built(classifier, catalogue, lastCorrection, examples.size());
        log.info(
                "service classifier built: {} services, {} corrected examples, {} ms",
                active.size(),
                examples.size(),
                (System.nanoTime() - started) / 1_000_000);
        return built;
    }

    private SentenceEmbeddings embeddings() {
        if (embeddings == null) embeddings = SentenceEmbeddings.shipped().cachingBatches(20_000);
        return embeddings;
    }

    static String description(Service s) {
        var text = new StringBuilder(s.name() == null ? s.code() : s.name());
        if (s.description() != null && !s.description().isBlank())
            text.append(". ").append(s.description().strip());
        if (s.keywords() != null && !s.keywords().isBlank())
            text.append(". ").append(s.keywords().strip());
        return text.toString();
    }

    /** Words of the text found in the service's name, description and keywords (at most five). */
    static List<String> sharedWords(String text, Service service) {
        if (service == null || text == null) return List.of();
        Set<String> vocabulary = new LinkedHashSet<>(words(description(service)));
        var shared = new ArrayList<String>();
        for (String w : words(text)) {
            if (shared.size() == 5) break;
            if (!shared.contains(w)
                    && (vocabulary.contains(w)
                            || vocabulary.contains(stem(w))
                            || vocabulary.stream().anyMatch(v -> stem(v).equals(stem(w))))) shared.add(w);
        }
        return shared;
    }

    private static List<String> words(String text) {
        var result = new ArrayList<String>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) result.add(w);
        }
        return result;
    }

    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("es")) return w.substring(0, w.length() - 2);
        if (w.length() > 3 && w.endsWith("s")) return w.substring(0, w.length() - 1);
        return w;
    }

    private static String fingerprint(List<Service> services) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            services.stream()
                    .sorted(java.util.Comparator.comparing(Service::code))
                    .forEach(s -> digest.update(
                            (s.code() + "\u0000" + description(s) + "\u0001").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
