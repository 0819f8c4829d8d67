package org.civicloop.triage.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicloop.triage.abuse.AbuseClassifier;
import org.civicloop.triage.emergency.EmergencyDetector;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.TextClassifier;

/**
 * What kind of message this is — service request, question, opinion, complaint, praise,
 * emergency, abuse, spam or off-topic — in three steps, first answer wins:
 *
 * <ol>
 *   <li>the emergency rules ({@link EmergencyDetector}): a message they catch is an emergency,
 *       whatever the models think;
 *   <li>the abuse classifier ({@link AbuseClassifier}): an abusive message is abuse (and flagged
 *       abusive even when it is also an emergency);
 *   <li>the kind model, a {@link TextClassifier} trained on the project's written examples at first
 *       use (or on a file given to {@link #train}).
 * </ol>
 *
 * <p>Thread-safe once built.
 */
public final class KindClassifier {

    /**
     * The answer for one text.
     *
     * @param confidence the probability of the answer: 1 for the emergency rules, the abuse
     *     probability for abuse, the kind model's probability otherwise
     * @param abusive whether it is to be hidden from public views and never answered automatically
     * @param abuseProbability what the abuse classifier said
     * @param reasons why, in words staff can read: the rule or model that answered and the words
     *     that pushed it
     */
    public record Result(
            Kind kind,
            double confidence,
            boolean abusive,
            double abuseProbability,
            Optional<EmergencyDetector.Finding> emergency,
            List<String> reasons) {
        public Result {
            reasons = List.copyOf(reasons);
        }
    }

    private static volatile TextClassifier shippedModel;

    private final TextClassifier model;
    private final EmergencyDetector emergencies;
    private final AbuseClassifier abuse;
    private final String version;

    public KindClassifier(TextClassifier model, EmergencyDetector emergencies, AbuseClassifier abuse, String version) {
        this.model = model;
        this.emergencies = emergencies;
        this.abuse = abuse;
        this.version = version;
    }

    /** The kind model trained on the project's written examples (once per JVM), with the given abuse classifier. */
    public static KindClassifier shipped(AbuseClassifier abuse) {
        var current = shippedModel;
        if (current == null) {
            synchronized (KindClassifier.class) {
                current = shippedModel;
                if (current == null) shippedModel = current = trainModel(KindExamples.shipped());
            }
        }
        return new KindClassifier(
                current,
                new EmergencyDetector(),
                abuse,
                "kind=lr/seed-" + KindExamples.shipped().size() + "; emergency=rules; abuse=" + abuse.version());
    }

    /** A kind model trained on the given examples (labels are the kinds' codes), with the given abuse classifier. */
    public static KindClassifier train(List<Example> examples, AbuseClassifier abuse) {
        return new KindClassifier(
                trainModel(examples),
                new EmergencyDetector(),
                abuse,
                "kind=lr/trained-" + examples.size() + "; emergency=rules; abuse=" + abuse.version());
    }

    static TextClassifier trainModel(List<Example> examples) {
        for (var example : examples) {
            try {
                Kind.fromCode(example.label());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + example.line() + ": '" + example.label()
                        + "' is not a kind ("
                        + java.util.Arrays.stream(Kind.values()).map(Kind::code).toList() + ")");
            }
        }
        return TextClassifier.train(examples, TextClassifier.Options.defaults());
    }

    public String version() {
        return version;
    }

    /** The kind model alone, without the rules and the abuse classifier. */
    public TextClassifier model() {
        return model;
    }

    public Result classify(String text) {
        String t = text == null ? "" : text;
        var emergency = emergencies.detect(t);
        var verdict = abuse.judge(t);
        var reasons = new ArrayList<String>();
        if (emergency.isPresent()) {
            reasons.add("emergency rule: " + emergency.get().hazard().name().toLowerCase(java.util.Locale.ROOT) + " (\""
                    + emergency.get().evidence() + "\")");
            if (verdict.abusive()) reasons.add(abuseReason(verdict));
            return new Result(Kind.EMERGENCY, 1.0, verdict.abusive(), verdict.probability(), emergency, reasons);
        }
        if (verdict.abusive()) {
            reasons.add(abuseReason(verdict));
            return new Result(Kind.ABUSE, verdict.probability(), true, verdict.probability(), emergency, reasons);
        }
        var prediction = model.predict(t);
        Kind kind = Kind.fromCode(prediction.label());
        var words = model.evidence(t, prediction.label(), 5);
        reasons.add(String.format(
                java.util.Locale.ROOT,
                "kind model: %s %.2f%s",
                kind.code(),
                prediction.probability(),
                words.isEmpty() ? "" : " (" + String.join(", ", words) + ")"));
        // the kind model knows abuse too (threats and insults the abuse model may not have seen)
        boolean abusive = kind == Kind.ABUSE;
        return new Result(kind, prediction.probability(), abusive, verdict.probability(), emergency, reasons);
    }

    private static String abuseReason(AbuseClassifier.Verdict verdict) {
        return String.format(
                java.util.Locale.ROOT,
                "abuse model: %s %.2f%s",
                verdict.label(),
                verdict.probability(),
                verdict.evidence().isEmpty() ? "" : " (" + String.join(", ", verdict.evidence()) + ")");
    }
}
