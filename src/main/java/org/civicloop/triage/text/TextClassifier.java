package org.civicloop.triage.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.civicloop.triage.eval.Example;

/**
 * A multinomial logistic-regression text classifier over hashed word and character n-grams
 * ({@link TextFeatures}), trained by stochastic gradient descent with L2 regularisation and
 * optional class weights (so a rare class such as {@code hate} is not drowned by a common one).
 * Small (a float per feature per class), fast to train on thousands of examples, deterministic for
 * a given seed, and retrainable whenever staff corrections accumulate.
 */
public final class TextClassifier {

    /** How to train. */
    public record Options(int bits, int epochs, double learningRate, double l2, boolean balanceClasses, long seed) {
        public static Options defaults() {
            return new Options(18, 12, 0.5, 1e-6, true, 42);
        }
    }

    /** A prediction: the best label, its probability, and every label's probability (in {@link #labels()} order). */
    public record Prediction(String label, double probability, double[] probabilities) {}

    private final TextFeatures features;
    private final List<String> labels;
    private final float[][] weights; // [label][feature]
    private final float[] bias;

    private TextClassifier(TextFeatures features, List<String> labels, float[][] weights, float[] bias) {
        this.features = features;
        this.labels = List.copyOf(labels);
        this.weights = weights;
        this.bias = bias;
    }

    public List<String> labels() {
        return labels;
    }

    public static TextClassifier train(List<Example> examples, Options options) {
        if (examples.isEmpty()) throw new IllegalArgumentException("no examples to train on");
        var labels = new ArrayList<>(
                new TreeSet<>(examples.stream().map(Example::label).toList()));
        if (labels.size() < 2) throw new IllegalArgumentException("training needs at least two different labels");
        var features = new TextFeatures(options.bits());
        int k = labels.size();
        var vectors = new TextFeatures.Vector[examples.size()];
        var targets = new int[examples.size()];
        var counts = new int[k];
        for (int i = 0; i < examples.size(); i++) {
            vectors[i] = features.extract(examples.get(i).text());
            targets[i] = Collections.binarySearch(labels, examples.get(i).label());
            counts[targets[i]]++;
        }
        var classWeight = new double[k];
        for (int c = 0; c < k; c++) {
            classWeight[c] = options.balanceClasses() ? (double) examples.size() / (k * counts[c]) : 1.0;
            // dampen extreme weights: a class of 1 % must matter, not dominate
            classWeight[c] = Math.sqrt(classWeight[c]);
        }
        float[][] w = new float[k][features.dimensions()];
        float[] b = new float[k];
        var order = new Integer[examples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        var random = new Random(options.seed());
        double[] p = new double[k];
        long step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            Collections.shuffle(Arrays.asList(order), random);
            for (int n : order) {
                double rate = options.learningRate() / (1 + options.learningRate() * options.l2() * step++);
                var x = vectors[n];
                scores(w, b, x, p);
                softmax(p);
                double cw = classWeight[targets[n]];
                for (int c = 0; c < k; c++) {
                    double gradient = (p[c] - (c == targets[n] ? 1 : 0)) * cw;
                    if (gradient == 0) continue;
                    float[] wc = w[c];
                    for (int j = 0; j < x.indices().length; j++) {
                        int f = x.indices()[j];
                        wc[f] -= (float) (rate * (gradient * x.values()[j] + options.l2() * wc[f]));
                    }
                    b[c] -= (float) (rate * gradient);
                }
            }
        }
        return new TextClassifier(features, labels, w, b);
    }

    public Prediction predict(String text) {
        var x = features.extract(text);
        double[] p = new double[labels.size()];
        scores(weights, bias, x, p);
        softmax(p);
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return new Prediction(labels.get(best), p[best], p);
    }

    /**
     * The words of {@code text} that pushed most towards {@code label}, strongest first: what the
     * inbox shows as "why".
     */
    public List<String> evidence(String text, String label, int limit) {
        int c = labels.indexOf(label);
        if (c < 0) return List.of();
        var scored = new ArrayList<java.util.Map.Entry<String, Float>>();
        for (String token : new java.util.LinkedHashSet<>(TextFeatures.tokens(text))) {
            float weight = weights[c][features.index("w:" + token)];
            if (weight > 0) scored.add(java.util.Map.entry(token, weight));
        }
        scored.sort((a, z) -> Float.compare(z.getValue(), a.getValue()));
        return scored.stream().limit(limit).map(java.util.Map.Entry::getKey).toList();
    }

    public void save(OutputStream out) throws IOException {
        var data = new DataOutputStream(out);
        data.writeInt(0x43_4C_54_43); // "CLTC"
        data.writeInt(1);
        data.writeInt(features.bits());
        data.writeInt(labels.size());
        for (String label : labels) data.writeUTF(label);
        for (int c = 0; c < labels.size(); c++) {
            data.writeFloat(bias[c]);
            for (float v : weights[c]) data.writeFloat(v);
        }
        data.flush();
    }

    public static TextClassifier load(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        if (data.readInt() != 0x43_4C_54_43 || data.readInt() != 1)
            throw new IOException("not a CivicLoop text classifier");
        var features = new TextFeatures(data.readInt());
        int k = data.readInt();
        var labels = new ArrayList<String>();
        for (int c = 0; c < k; c++) labels.add(data.readUTF());
        float[][] w = new float[k][features.dimensions()];
        float[] b = new float[k];
        for (int c = 0; c < k; c++) {
            b[c] = data.readFloat();
            for (int f = 0; f < w[c].length; f++) w[c][f] = data.readFloat();
        }
        return new TextClassifier(features, labels, w, b);
    }

    private static void scores(float[][] w, float[] b, TextFeatures.Vector x, double[] out) {
        for (int c = 0; c < out.length; c++) {
            double s = b[c];
            float[] wc = w[c];
            for (int j = 0; j < x.indices().length; j++) s += wc[x.indices()[j]] * x.values()[j];
            out[c] = s;
        }
    }

    private static void softmax(double[] s) {
        double max = Arrays.stream(s).max().orElse(0), sum = 0;
        for (int c = 0; c < s.length; c++) sum += s[c] = Math.exp(s[c] - max);
        for (int c = 0; c < s.length; c++) s[c] /= sum;
    }
}
