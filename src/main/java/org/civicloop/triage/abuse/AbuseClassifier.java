package org.civicloop.triage.abuse;

import java.util.List;
import java.util.Locale;
import org.civicloop.triage.text.TextClassifier;

/**
 * Tells whether a message is abusive — threats, slurs, harassment, insults aimed at people — so
 * that it is hidden from public views, never answered automatically and flagged for staff. A
 * {@link TextClassifier} whose labels are either Davidson's {@code hate}/{@code offensive}/{@code
 * neither} (the model built by {@code civicloop triage train-abuse}) or {@code abusive}/{@code
 * neither} (the seed model written for the project): every label but {@code neither} is abusive.
 *
 * <p>Thread-safe (the model is read only).
 */
public final class AbuseClassifier {

    /** The answer for one text: abusive or not, the probability of abuse, the best label and why. */
    public record Verdict(boolean abusive, double probability, String label, List<String> evidence) {}

    static final String NOT_ABUSIVE = "neither";

    private final TextClassifier model;
    private final String version;
    private final double threshold;

    AbuseClassifier(TextClassifier model, String version, double threshold) {
        if (!model.labels().contains(NOT_ABUSIVE))
            throw new IllegalArgumentException("an abuse model needs the label '" + NOT_ABUSIVE + "'");
        this.model = model;
        this.version = version;
        this.threshold = threshold;
    }

    /** Which model answers: {@code davidson-lr/<digest>} for a built model, {@code seed-N} for the written one. */
    public String version() {
        return version;
    }

    public TextClassifier model() {
        return model;
    }

    /** The model's labels, e.g. {@code hate}, {@code neither}, {@code offensive}. */
    public List<String> labels() {
        return model.labels();
    }

    public Verdict judge(String text) {
        var prediction = model.predict(text == null ? "" : text);
        double notAbusive = prediction.probabilities()[model.labels().indexOf(NOT_ABUSIVE)];
        double probability = 1 - notAbusive;
        boolean abusive = probability >= threshold;
        String label = prediction.label();
        if (abusive && NOT_ABUSIVE.equals(label)) label = bestAbusiveLabel(prediction.probabilities());
        if (!abusive) label = NOT_ABUSIVE;
        List<String> evidence = abusive ? model.evidence(text, label, 5) : List.of();
        return new Verdict(abusive, probability, label, evidence);
    }

    public boolean isAbusive(String text) {
        return judge(text).abusive();
    }

    private String bestAbusiveLabel(double[] p) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            if (model.labels().get(c).equals(NOT_ABUSIVE)) continue;
            if (best < 0 || p[c] > p[best]) best = c;
        }
        return model.labels().get(best);
    }

    /** Whether a label of an abuse file means abusive: anything but {@code neither}. */
    public static boolean abusiveLabel(String label) {
        return !NOT_ABUSIVE.equals(label.strip().toLowerCase(Locale.ROOT));
    }
}
