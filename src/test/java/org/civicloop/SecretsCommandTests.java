package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.civicloop.platform.SecretBox;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code civicloop secrets generate-key | encrypt}. */
class SecretsCommandTests {

    record Run(int exit, String out, String err) {}

    Run run(String stdin, String... args) {
        PrintStream out = System.out;
        var in = System.in;
        var captured = new ByteArrayOutputStream();
        var err = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = new CommandLine(new CivicLoop())
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(out);
            System.setIn(in);
        }
    }

    @Test
    void generateKeyPrintsAFreshUsableKey() {
        var first = run("", "secrets", "generate-key");
        var second = run("", "secrets", "generate-key");
        assertThat(first.exit()).isZero();
        assertThat(Base64.getDecoder().decode(first.out().strip())).hasSize(32);
        assertThat(first.out()).isNotEqualTo(second.out());
        var box = SecretBox.of(first.out().strip());
        assertThat(box.decrypt(box.encrypt("x"))).isEqualTo("x");
    }

    @Test
    void encryptWithoutAKeyExplainsWhatToDoAndPrintsNothing() {
        assumeTrue(System.getenv(SecretBox.KEY_VARIABLE) == null, "the test environment has a key");
        var run = run("my-token\n", "secrets", "encrypt");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("CIVICLOOP_SECRET_KEY is not set").contains("generate-key");
    }
}
