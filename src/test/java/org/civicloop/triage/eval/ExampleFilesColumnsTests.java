package org.civicloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ExampleFilesColumnsTests {

    @Test
    void columnsCanBeNamedOrNumbered() throws Exception {
        String csv = "tweet_id,airline_sentiment,text\n1,negative,\"late, again\"\n2,positive,thanks\n";
        var byName = ExampleFiles.read(
                new StringReader(csv), false, "a.csv", new ExampleFiles.Columns("text", "airline_sentiment", true));
        assertThat(byName.examples())
                .extracting(Example::text, Example::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("late, again", "negative"),
                        org.assertj.core.groups.Tuple.tuple("thanks", "positive"));
        var byNumber =
                ExampleFiles.read(new StringReader(csv), false, "a.csv", new ExampleFiles.Columns("3", "2", true));
        assertThat(byNumber.examples()).isEqualTo(byName.examples());
    }

    @Test
    void headerlessTabSeparatedFilesNeedNumbers() throws Exception {
        String tsv = "1\t2.7\tSo lucky.\n2\t-1.5\tsay \"no\" to that\n";
        var loaded = ExampleFiles.read(new StringReader(tsv), true, "g.tsv", new ExampleFiles.Columns("3", "2", false));
        assertThat(loaded.examples()).extracting(Example::text).containsExactly("So lucky.", "say \"no\" to that");
        assertThat(loaded.examples()).extracting(Example::label).containsExactly("2.7", "-1.5");
        assertThatThrownBy(() -> new ExampleFiles.Columns("text", "label", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultIsStillTextAndLabel() throws Exception {
        var loaded = ExampleFiles.read(new StringReader("label,text\nx,hello\n"), false, "d.csv");
        assertThat(loaded.examples()).extracting(Example::text).containsExactly("hello");
        assertThatThrownBy(() -> ExampleFiles.read(
                        new StringReader("a,b\nx,y\n"), false, "d.csv", new ExampleFiles.Columns("text", "b", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text'");
    }
}
