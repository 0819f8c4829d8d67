package org.civicloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ClassificationReportTests {

    @Test
    void figuresMatchAHandComputedExample() {
        // truth a a a b b c ; predicted a a b b c c
        var report = new ClassificationReport();
        String[][] rows = {{"a", "a"}, {"a", "a"}, {"a", "b"}, {"b", "b"}, {"b", "c"}, {"c", "c"}};
        for (String[] r : rows) report.add(r[0], r[1]);

        assertThat(report.accuracy()).isCloseTo(4 / 6.0, within(1e-9));
        var a = report.classes().get("a");
        assertThat(a.precision()).isEqualTo(1.0);
        assertThat(a.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(a.f1()).isCloseTo(0.8, within(1e-9));
        var b = report.classes().get("b");
        assertThat(b.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(b.recall()).isCloseTo(0.5, within(1e-9));
        var c = report.classes().get("c");
        assertThat(c.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(report.macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-9));
        assertThat(report.confusion().labels()).containsExactly("a", "b", "c");
        assertThat(report.confusion().matrix()).isEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
    }

    @Test
    void correlationsMatchKnownValues() {
        var report = new CorrelationReport();
        double[][] xy = {{1, 2}, {2, 4}, {3, 5}, {4, 4}, {5, 5}};
        for (double[] p : xy) report.add(p[0], p[1]);
        // by hand: r = 6 / sqrt(10 * 6); rho on ranks (y ranks 1, 2.5, 4.5, 2.5, 4.5) = 7 / sqrt(10 * 9)
        assertThat(report.pearson()).isCloseTo(0.7745966692, within(1e-9));
        assertThat(report.spearman()).isCloseTo(0.7378647873, within(1e-9));
        assertThat(CorrelationReport.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
    }

    @Test
    void labelledFilesNeedTextAndLabelAndCountWhatTheySkip() throws Exception {
        var loaded = ExampleFiles.read(
                new StringReader(
                        "\uFEFFid,Text,label\n1,\"Pothole on Elm,\nplease\",Potholes\n2,,Other\n3,Thanks,Praise\n"),
                false,
                "test.csv");
        assertThat(loaded.examples()).extracting(Example::label).containsExactly("Potholes", "Praise");
        assertThat(loaded.examples().get(0).text()).isEqualTo("Pothole on Elm,\nplease");
        assertThat(loaded.skipped()).isEqualTo(1);

        assertThatThrownBy(() -> ExampleFiles.read(new StringReader("body,category\nx,y\n"), false, "bad.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text' and 'label'");
    }
}
