package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicloop.identity.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code civicloop admin create-user}: the only way to the first administrator outside the demo. */
class AdminCommandIntegrationTests {

    @TempDir
    java.nio.file.Path data;

    int run(String stdin, StringWriter err, String... args) {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return new CommandLine(new CivicLoop())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
        } finally {
            System.setIn(original);
        }
    }

    String[] args(String username, String... more) {
        var list = new java.util.ArrayList<>(java.util.List.of(
                "admin",
                "create-user",
                "--data",
                data.toString(),
                "--db",
                System.getProperty("civicloop.database.url"),
                "--db-user",
                System.getProperty("civicloop.database.username"),
                "--username",
                username));
        list.addAll(java.util.List.of(more));
        return list.toArray(String[]::new);
    }

    @Test
    void createsAnAdministratorWhoCanSignIn() throws Exception {
        String username = "first-admin-" + UUID.randomUUID().toString().substring(0, 6);
        var err = new StringWriter();
        int exit = run(
                "correct horse battery staple\n",
                err,
                args(username, "--role", "admin", "--name", "First Admin", "--password-stdin"));
        assertThat(exit).as(err.toString()).isZero();

        try (var context = CivicLoop.start(
                java.util.Map.of("civicloop.data-dir", data.toString()),
                org.springframework.boot.WebApplicationType.NONE)) {
            var staff = context.getBean(org.civicloop.identity.StaffManagement.class);
            var user = staff.findByUsername(username).orElseThrow();
            assertThat(user.roles()).containsExactly(StaffRole.ADMIN);
            var details = staff.loadUserByUsername(username);
            var encoder = context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
            assertThat(encoder.matches("correct horse battery staple", details.getPassword()))
                    .isTrue();
            assertThat(details.getPassword()).startsWith("{bcrypt}");
        }
    }

    @Test
    void refusesAShortPasswordAndAnUnknownRole() {
        var err = new StringWriter();
        assertThat(run("short\n", err, args("someone", "--role", "admin", "--password-stdin")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("at least 12 characters");

        var err2 = new StringWriter();
        assertThat(run("", err2, args("someone", "--role", "mayor", "--generate-password")))
                .isNotZero();
        assertThat(err2.toString()).contains("mayor");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] help :
                new String[][] {{"--help"}, {"serve", "--help"}, {"demo", "--help"}, {"admin", "create-user", "--help"}
                }) {
            var out = new StringWriter();
            int exit = new CommandLine(new CivicLoop())
                    .setOut(new PrintWriter(out, true))
                    .execute(help);
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("Usage: civicloop");
        }
    }
}
