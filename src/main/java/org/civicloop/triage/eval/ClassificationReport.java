package org.civicloop.triage.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, macro-averaged F1, per-class precision/recall/F1/support and the confusion matrix of
 * a classifier on labelled examples. Classes are every label seen as truth or as prediction; the
 * macro average is over the classes that occur in the truth (a class never expected and never
 * predicted does not exist; one only predicted counts with its precision of 0 against support 0
 * as scikit-learn does when it is in the label set — here it is reported but not averaged).
 */
public final class ClassificationReport {

    private final List<String> expected = new ArrayList<>();
    private final List<String> predicted = new ArrayList<>();

    public void add(String truth, String prediction) {
        expected.add(truth);
        predicted.add(prediction == null ? "" : prediction);
    }

    public int size() {
        return expected.size();
    }

    public double accuracy() {
        if (expected.isEmpty()) return 0;
        int right = 0;
        for (int i = 0; i < expected.size(); i++) if (expected.get(i).equals(predicted.get(i))) right++;
        return (double) right / expected.size();
    }

    /** Per-class figures, in label order. */
    public Map<String, ClassFigures> classes() {
        var labels = new TreeSet<String>(expected);
        labels.addAll(predicted);
        labels.remove("");
        var result = new LinkedHashMap<String, ClassFigures>();
        for (String label : labels) {
            int tp = 0, fp = 0, fn = 0, support = 0;
            for (int i = 0; i < expected.size(); i++) {
                boolean isTrue = expected.get(i).equals(label),
                        isPredicted = predicted.get(i).equals(label);
                if (isTrue) support++;
                if (isTrue && isPredicted) tp++;
                else if (isPredicted) fp++;
                else if (isTrue) fn++;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result.put(label, new ClassFigures(precision, recall, f1, support));
        }
        return result;
    }

    /** Mean F1 over the classes that occur in the truth. */
    public double macroF1() {
        var figures = classes().values().stream().filter(c -> c.support() > 0).toList();
        return figures.isEmpty()
                ? 0
                : figures.stream().mapToDouble(ClassFigures::f1).average().orElse(0);
    }

    /** Labels (rows: truth, columns: prediction) and counts. */
    public Confusion confusion() {
        var labels = new ArrayList<>(classes().keySet());
        if (predicted.contains("")) labels.add("");
        int[][] matrix = new int[labels.size()][labels.size()];
        for (int i = 0; i < expected.size(); i++) {
            int row = labels.indexOf(expected.get(i)), column = labels.indexOf(predicted.get(i));
            if (row >= 0 && column >= 0) matrix[row][column]++;
        }
        return new Confusion(labels, matrix);
    }

    /** The report as the evaluation command prints it. */
    public Map<String, Object> toMap(double messagesPerSecond) {
        var map = new LinkedHashMap<String, Object>();
        map.put("examples", size());
        map.put("accuracy", round(accuracy()));
        map.put("macro_f1", round(macroF1()));
        var perClass = new LinkedHashMap<String, Object>();
        classes()
                .forEach((label, f) -> perClass.put(
                        label,
                        Map.of(
                                "precision", round(f.precision()),
                                "recall", round(f.recall()),
                                "f1", round(f.f1()),
                                "support", f.support())));
        map.put("classes", perClass);
        var confusion = confusion();
        map.put("confusion", Map.of("labels", confusion.labels(), "matrix", confusion.matrix()));
        map.put("messages_per_second", round(messagesPerSecond));
        return map;
    }

    static double round(double value) {
        return Math.round(value * 10000.0) / 10000.0;
    }

    public record ClassFigures(double precision, double recall, double f1, int support) {}

    public record Confusion(List<String> labels, int[][] matrix) {}
}
