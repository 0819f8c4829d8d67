package org.civicloop.triage.category;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.civicloop.triage.text.TextClassifier;

/**
 * Picks the city service a message is about, from the city's own list. Zero-shot from the
 * services' names and descriptions by sentence-embedding similarity; with labelled examples (the
 * city's examples and staff corrections) three views are blended: similarity to each service's
 * centroid (description and examples), a vote of the nearest examples, and a word/character
 * n-gram classifier. Weights were chosen by 5-fold cross-validation on the Newport reports (see
 * docs/triage-evaluation.md).
 */
public final class ServiceClassifier {

    /** A service as the classifier sees it. */
    public record Service(String label, String description) {}

    /** The chosen service, how sure, and the examples that look most like the message. */
    public record Prediction(
            String label, double confidence, Map<String, Double> scores, List<String> nearestExamples) {}

    static final double CENTROID_TEMPERATURE = 0.05;
    static final double NEIGHBOUR_SHARPNESS = 10;
    static final int NEIGHBOURS = 15;
    static final double DESCRIPTION_WEIGHT = 2.0;

    private final SentenceEmbeddings embeddings;
    private final List<String> labels;
    private final float[][] centroids;
    private final List<Example> examples;
    private final List<float[]> exampleVectors;
    private final TextClassifier ngrams;

    private ServiceClassifier(
            SentenceEmbeddings embeddings,
            List<String> labels,
            float[][] centroids,
            List<Example> examples,
            List<float[]> exampleVectors,
            TextClassifier ngrams) {
        this.embeddings = embeddings;
        this.labels = labels;
        this.centroids = centroids;
        this.examples = examples;
        this.exampleVectors = exampleVectors;
        this.ngrams = ngrams;
    }

    /**
     * @param services the city's services (a description may be empty: the name is used); may be
     *     empty when examples are given
     * @param examples labelled messages (labels are service labels); may be empty for zero-shot
     */
    public static ServiceClassifier build(
            SentenceEmbeddings embeddings, List<Service> services, List<Example> examples) {
        var labelSet = new TreeSet<String>();
        services.forEach(s -> labelSet.add(s.label()));
        examples.forEach(e -> labelSet.add(e.label()));
        if (labelSet.size() < 2) throw new IllegalArgumentException("at least two services are needed");
        var labels = List.copyOf(labelSet);
        int dimensions = embeddings.embed("service").length;
        float[][] centroids = new float[labels.size()][dimensions];
        var descriptions = services.stream()
                .map(s -> s.label() + ". " + (s.description() == null ? "" : s.description()))
                .toList();
        var descriptionVectors = embeddings.embedAll(descriptions);
        for (int i = 0; i < services.size(); i++) {
            add(centroids[labels.indexOf(services.get(i).label())], descriptionVectors.get(i), DESCRIPTION_WEIGHT);
        }
        var exampleVectors =
                embeddings.embedAll(examples.stream().map(Example::text).toList());
        for (int i = 0; i < examples.size(); i++) {
            add(centroids[labels.indexOf(examples.get(i).label())], exampleVectors.get(i), 1);
        }
        for (int c = 0; c < labels.size(); c++) {
            if (isZero(centroids[c])) centroids[c] = embeddings.embed(labels.get(c));
            normalise(centroids[c]);
        }
        boolean enoughForNgrams =
                examples.stream().map(Example::label).distinct().count() >= 2;
        var ngrams = enoughForNgrams ? TextClassifier.train(examples, TextClassifier.Options.defaults()) : null;
        return new ServiceClassifier(embeddings, labels, centroids, List.copyOf(examples), exampleVectors, ngrams);
    }

    public List<String> labels() {
        return labels;
    }

    public Prediction classify(String text) {
        float[] v = embeddings.embed(text);
        int k = labels.size();
        double[] centroid = new double[k];
        for (int c = 0; c < k; c++) centroid[c] = SentenceEmbeddings.cosine(v, centroids[c]) / CENTROID_TEMPERATURE;
        softmax(centroid);

        double[] blended;
        List<String> nearest = List.of();
        if (ngrams == null || examples.isEmpty()) {
            blended = centroid;
        } else {
            Integer[] order = new Integer[examples.size()];
            double[] similarity = new double[examples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                similarity[i] = SentenceEmbeddings.cosine(v, exampleVectors.get(i));
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -similarity[i]));
            double[] votes = new double[k];
            double total = 0;
            int n = Math.min(NEIGHBOURS, order.length);
            for (int j = 0; j < n; j++) {
                double w = Math.exp(similarity[order[j]] * NEIGHBOUR_SHARPNESS);
                votes[labels.indexOf(examples.get(order[j]).label())] += w;
                total += w;
            }
            for (int c = 0; c < k; c++) votes[c] /= total;
            nearest = new ArrayList<>();
            for (int j = 0; j < Math.min(3, order.length); j++)
                nearest.add(examples.get(order[j]).text());

            double[] ngram = new double[k];
            var p = ngrams.predict(text);
            for (int c = 0; c < ngrams.labels().size(); c++) {
                ngram[labels.indexOf(ngrams.labels().get(c))] = p.probabilities()[c];
            }
            blended = new double[k];
            for (int c = 0; c < k; c++) blended[c] = 0.3 * centroid[c] + 0.3 * votes[c] + 0.4 * ngram[c];
        }
        int best = 0;
        for (int c = 1; c < k; c++) if (blended[c] > blended[best]) best = c;
        var scores = new LinkedHashMap<String, Double>();
        for (int c = 0; c < k; c++) scores.put(labels.get(c), blended[c]);
        return new Prediction(labels.get(best), blended[best], scores, nearest);
    }

    private static void add(float[] target, float[] v, double weight) {
        for (int i = 0; i < v.length; i++) target[i] += (float) (v[i] * weight);
    }

    private static boolean isZero(float[] v) {
        for (float x : v) if (x != 0) return false;
        return true;
    }

    private static void normalise(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= (float) n;
    }

    private static void softmax(double[] s) {
        double max = Arrays.stream(s).max().orElse(0), sum = 0;
        for (int c = 0; c < s.length; c++) sum += s[c] = Math.exp(s[c] - max);
        for (int c = 0; c < s.length; c++) s[c] /= sum;
    }
}
