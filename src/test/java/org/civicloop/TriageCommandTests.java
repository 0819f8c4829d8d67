package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.civicloop.testing.SharedData;
import org.civicloop.triage.abuse.AbuseClassifier;
import org.civicloop.triage.abuse.AbuseModels;
import org.civicloop.triage.eval.ExampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code civicloop triage train-abuse} builds the abuse model from Davidson's tweets with a fifth
 * held out; {@code civicloop eval abuse} without {@code --train} then measures the model as
 * shipped on the held-out fifth: abuse F1 ≥ 0.90 (the target), recomputed here from the
 * files.
 */
class TriageCommandTests {

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        PrintStream out = System.out;
        var captured = new ByteArrayOutputStream();
        var err = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new picocli.CommandLine(new CivicLoop())
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void theAbuseModelBuiltFromDavidsonReachesTheTargetOnTweetsItNeverSaw(@TempDir Path data) throws Exception {
        Path davidson = SharedData.path("abuse/davidson-dev.csv");
        Path heldOut = data.resolve("abuse-heldout.csv");
        var trained = run(
                "triage",
                "train-abuse",
                "--from",
                davidson.toString(),
                "--holdout",
                "20",
                "--heldout-out",
                heldOut.toString(),
                "--data",
                data.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(data.resolve("models/abuse.bin")).isRegularFile();
        assertThat(trained.out()).contains("held out").contains("abuse.bin");

        // the held-out rows are exactly those the checksum picks, and no held-out text was trained on
        var all = ExampleFiles.read(davidson).examples();
        var test = ExampleFiles.read(heldOut).examples();
        var trainedTexts = new HashSet<String>();
        int expected = 0;
        for (var example : all) {
            if (AbuseModels.heldOut(example.text(), 20)) expected++;
            else trainedTexts.add(example.text());
        }
        assertThat(test).hasSize(expected).hasSizeGreaterThan(all.size() / 10);
        assertThat(test).noneMatch(e -> trainedTexts.contains(e.text()));

        // the model as shipped, independently of the eval command
        AbuseClassifier model = AbuseModels.load(data);
        assertThat(model.version()).startsWith("davidson-lr/");
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var example : test) {
            boolean truth = AbuseClassifier.abusiveLabel(example.label());
            boolean predicted = model.isAbusive(example.text());
            if (truth && predicted) truePositives++;
            if (!truth && predicted) falsePositives++;
            if (truth && !predicted) falseNegatives++;
        }
        double f1 = 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
        System.out.printf("abuse F1 of the shipped model on %d held-out Davidson tweets: %.4f%n", test.size(), f1);
        assertThat(f1).isGreaterThanOrEqualTo(0.90);

        // the eval command without --train measures the same model and says which
        String dataDirectoryBefore = System.getProperty("civicloop.data-dir");
        var evaluated = run("eval", "abuse", "--test", heldOut.toString(), "--data", data.toString());
        assertThat(evaluated.exit()).as(evaluated.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(evaluated.out());
        assertThat(json.get("model").asString()).isEqualTo(model.version());
        assertThat(json.at("/binary/classes/abusive/f1").asDouble())
                .isCloseTo(f1, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(json.at("/baseline/binary/classes/abusive/f1").isNumber()).isTrue();
        assertThat(System.getProperty("civicloop.data-dir")).isEqualTo(dataDirectoryBefore);
    }

    @Test
    void withoutABuiltModelTheSeedModelAnswersAndSaysSo(@TempDir Path data) throws Exception {
        Path test = data.resolve("abuse.csv");
        Files.writeString(test, """
                text,label
                "You worthless idiots, I know where you live",offensive
                "The streetlight on Maple is out again",neither
                """);
        var evaluated = run("eval", "abuse", "--test", test.toString(), "--data", data.toString());
        assertThat(evaluated.exit()).as(evaluated.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(evaluated.out());
        assertThat(json.get("model").asString()).startsWith("seed-");
        assertThat(json.at("/binary/accuracy").asDouble()).isEqualTo(1.0);
    }

    @Test
    void trainAbuseRefusesAMissingFileAndABadHoldout(@TempDir Path data) {
        var missing =
                run("triage", "train-abuse", "--from", data.resolve("none.csv").toString(), "--data", data.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        var bad = run("triage", "train-abuse", "--from", "x.csv", "--holdout", "100", "--data", data.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(Files.exists(data.resolve("models/abuse.bin"))).isFalse();
    }
}
