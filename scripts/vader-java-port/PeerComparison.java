import com.vader.sentiment.analyzer.SentimentAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicloop.triage.sentiment.SentimentScorer;

/**
 * Compares CivicLoop's scorer with the old Java port on Maven Central
 * (com.github.apanimesh061:vader-sentiment-analyzer:1.0) on VADER's tweets: throughput of each
 * in this JVM (three rounds, the first one cold), share of compounds within 0.001 of each other
 * and of the npm port's scores, Pearson r with the human means. Run by scripts/compare-vader-java-port.
 */
public class PeerComparison {
    public static void main(String[] args) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isEmpty()) continue;
            int a = line.indexOf('\t'), b = line.indexOf('\t', a + 1);
            rows.add(new String[] {line.substring(0, a), line.substring(a + 1, b), line.substring(b + 1)});
        }
        Map<String, Double> npm = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split("\t");
            npm.put(f[0], Double.parseDouble(f[1]));
        }
        var ours = SentimentScorer.standard();
        int n = rows.size();
        double[] theirs = new double[n], mine = new double[n];
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) mine[i] = ours.score(rows.get(i)[2]).compound();
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                var analyzer = new SentimentAnalyzer(rows.get(i)[2]);
                analyzer.analyze();
                Float compound = analyzer.getPolarity().get("compound");
                theirs[i] = compound == null ? Double.NaN : compound;
            }
            long t2 = System.nanoTime();
            System.out.printf(
                    "round %d: civicloop %.0f texts/s, java port %.0f texts/s%n",
                    round, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9));
        }
        int portVsOurs = 0, portVsNpm = 0, oursVsNpm = 0;
        for (int i = 0; i < n; i++) {
            double reference = npm.get(rows.get(i)[0]);
            if (Math.abs(theirs[i] - mine[i]) <= 0.001 + 1e-6) portVsOurs++;
            if (Math.abs(theirs[i] - reference) <= 0.001 + 1e-6) portVsNpm++;
            if (Math.abs(mine[i] - reference) <= 0.001 + 1e-9) oursVsNpm++;
        }
        System.out.printf(
                "within 0.001: java port vs civicloop %.4f, java port vs npm %.4f, civicloop vs npm %.4f%n",
                portVsOurs / (double) n, portVsNpm / (double) n, oursVsNpm / (double) n);
        double[] human = rows.stream().mapToDouble(r -> Double.parseDouble(r[1])).toArray();
        System.out.printf("Pearson r with the human means: civicloop %.4f, java port %.4f%n",
                pearson(human, mine), pearson(human, theirs));
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
