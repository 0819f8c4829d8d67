package org.civicloop.triage.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** How well numeric predictions follow numeric truths: Pearson's r, Spearman's rho, mean absolute error. */
public final class CorrelationReport {

    private final List<double[]> pairs = new ArrayList<>();

    public void add(double truth, double prediction) {
        pairs.add(new double[] {truth, prediction});
    }

    public int size() {
        return pairs.size();
    }

    public double pearson() {
        return pearson(column(0), column(1));
    }

    public double spearman() {
        return pearson(ranks(column(0)), ranks(column(1)));
    }

    public double meanAbsoluteError() {
        return pairs.stream().mapToDouble(p -> Math.abs(p[0] - p[1])).average().orElse(0);
    }

    public Map<String, Object> toMap(double messagesPerSecond) {
        var map = new LinkedHashMap<String, Object>();
        map.put("examples", size());
        map.put("pearson_r", ClassificationReport.round(pearson()));
        map.put("spearman_rho", ClassificationReport.round(spearman()));
        map.put("mean_absolute_error", ClassificationReport.round(meanAbsoluteError()));
        map.put("messages_per_second", ClassificationReport.round(messagesPerSecond));
        return map;
    }

    private double[] column(int index) {
        return pairs.stream().mapToDouble(p -> p[index]).toArray();
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return 0;
        double mx = Arrays.stream(x).average().orElse(0),
                my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks from 1, ties get the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }
}
