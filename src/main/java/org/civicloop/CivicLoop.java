package org.civicloop;

import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.civicloop.identity.InvalidStaffUserException;
import org.civicloop.identity.NewStaffUser;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code civicloop} command line: run the server or the demo city, manage an installation. */
@Command(
        name = "civicloop",
        mixinStandardHelpOptions = true,
        version = "CivicLoop 0.1.0",
        description = "Every resident voice heard, acted upon and answered.",
        subcommands = {CivicLoop.Serve.class, CivicLoop.Demo.class, CivicLoop.Admin.class, CivicLoop.Bench.class})
public class CivicLoop {

    public static void main(String[] args) {
        int exit = new CommandLine(new CivicLoop())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args.length == 0 ? new String[] {"--help"} : args);
        if (exit != 0 || (args.length > 0 && !"serve".equals(args[0]) && !"demo".equals(args[0]))) {
            System.exit(exit);
        }
    }

    /** Where the installation's data lives and which database it uses: shared by every subcommand. */
    static class Installation {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data directory (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:CIVICLOOP_DATA_DIR:-data}")
        Path data;

        @Option(
                names = "--db",
                paramLabel = "JDBC_URL",
                description =
                        "an external PostgreSQL, e.g. jdbc:postgresql://db.city.gov:5432/civicloop (default: the embedded server in the data directory; env CIVICLOOP_DATABASE_URL)")
        String databaseUrl;

        @Option(
                names = "--db-user",
                paramLabel = "USER",
                description = "user for --db (env CIVICLOOP_DATABASE_USERNAME)")
        String databaseUser;

        @Option(
                names = "--db-password-env",
                paramLabel = "VAR",
                description =
                        "name of an environment variable holding the password for --db (default CIVICLOOP_DATABASE_PASSWORD)")
        String databasePasswordVariable;

        Map<String, Object> properties() {
            Map<String, Object> p = new HashMap<>();
            p.put("civicloop.data-dir", data.toAbsolutePath().normalize().toString());
            if (databaseUrl != null) p.put("civicloop.database.url", databaseUrl);
            if (databaseUser != null) p.put("civicloop.database.username", databaseUser);
            if (databasePasswordVariable != null) {
                p.put("civicloop.database.password", System.getenv().getOrDefault(databasePasswordVariable, ""));
            }
            return p;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run CivicLoop.")
    static class Serve implements Callable<Integer> {
        @Mixin
        Installation installation = new Installation();

        @Option(
                names = "--port",
                paramLabel = "N",
                description = "HTTP port (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:PORT:-8080}")
        int port;

        Map<String, Object> properties() {
            Map<String, Object> p = installation.properties();
            p.put("server.port", port);
            return p;
        }

        @Override
        public Integer call() {
            start(properties(), WebApplicationType.SERVLET);
            return 0;
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description = "Run CivicLoop with the demo city of Riverton, seeded on first start.")
    static class Demo extends Serve {
        @Override
        public Integer call() {
            Map<String, Object> p = properties();
            p.put("civicloop.demo.enabled", "true");
            start(p, WebApplicationType.SERVLET);
            return 0;
        }
    }

    @Command(
            name = "admin",
            mixinStandardHelpOptions = true,
            description = "Administer an installation.",
            subcommands = {CreateUser.class, CreateToken.class})
    static class Admin implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.out);
            return 0;
        }
    }

    @Command(
            name = "create-user",
            mixinStandardHelpOptions = true,
            description = {
                "Create a staff user. The only way to get the first administrator outside demo mode.",
                "The password is asked for twice, or read from standard input with --password-stdin,",
                "or generated and printed once with --generate-password."
            })
    static class CreateUser implements Callable<Integer> {
        @Mixin
        Installation installation = new Installation();

        @Option(names = "--username", required = true, paramLabel = "NAME")
        String username;

        @Option(names = "--name", paramLabel = "DISPLAY_NAME", description = "the name shown to colleagues")
        String displayName;

        @Option(
                names = "--role",
                required = true,
                split = ",",
                paramLabel = "ROLE",
                description = "one or more of: ${COMPLETION-CANDIDATES}")
        List<StaffRole> roles;

        @Option(names = "--department", paramLabel = "CODE", description = "department code, for department staff")
        String department;

        @Option(names = "--password-stdin", description = "read the password from standard input")
        boolean passwordFromStdin;

        @Option(names = "--generate-password", description = "generate a strong password and print it once")
        boolean generatePassword;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            String password;
            if (generatePassword) {
                password = generatedPassword();
            } else if (passwordFromStdin) {
                var reader = new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = reader.readLine();
                password = line == null ? "" : line.strip();
            } else {
                Console console = System.console();
                if (console == null) {
                    err.println("No terminal to ask for a password: use --password-stdin or --generate-password");
                    return 2;
                }
                char[] first = console.readPassword(
                        "Password for %s (at least %d characters): ",
                        username, StaffManagement.MINIMUM_PASSWORD_LENGTH);
                char[] second = console.readPassword("Again: ");
                if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
                    err.println("The two passwords differ");
                    return 2;
                }
                password = new String(first);
            }
            Map<String, Object> p = installation.properties();
            p.put("spring.main.web-application-type", "none");
            p.put("logging.level.root", "WARN");
            p.put("civicloop.replies.dispatch-interval", "1h");
            try (ConfigurableApplicationContext context = start(p, WebApplicationType.NONE)) {
                var staff = context.getBean(StaffManagement.class);
                var user = staff.create(
                        new NewStaffUser(username, displayName, password, EnumSet.copyOf(roles), department),
                        "cli:" + System.getProperty("user.name"));
                System.out.println("Created " + user.username() + " with roles "
                        + user.roles().stream().map(StaffRole::code).sorted().toList());
                if (generatePassword) System.out.println("Password (shown once): " + password);
                return 0;
            } catch (InvalidStaffUserException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(
            name = "create-token",
            mixinStandardHelpOptions = true,
            description = {
                "Make an API token for the staff API (/api/staff/v1), acting with the roles of a staff user.",
                "The token is printed once; only its hash is stored."
            })
    static class CreateToken implements Callable<Integer> {
        @Mixin
        Installation installation = new Installation();

        @Option(
                names = "--username",
                required = true,
                paramLabel = "NAME",
                description = "the staff user the token acts for")
        String username;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "LABEL",
                description = "what the token is for, e.g. \"open data export\"")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> p = installation.properties();
            p.put("logging.level.root", "WARN");
            p.put("civicloop.replies.dispatch-interval", "1h");
            try (ConfigurableApplicationContext context = start(p, WebApplicationType.NONE)) {
                var issued = context.getBean(org.civicloop.identity.ApiTokens.class)
                        .issue(username, name, "cli:" + System.getProperty("user.name"));
                System.out.println("Token for " + issued.username() + " (" + issued.name() + "), shown once:");
                System.out.println(issued.token());
                return 0;
            } catch (InvalidStaffUserException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Measure CivicLoop on this machine, in a scratch database.",
            subcommands = {BenchIngest.class})
    static class Bench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.out);
            return 0;
        }
    }

    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = {
                "Push synthetic messages through the ingest path connectors use (stored idempotently,",
                "conversations joined, MessageReceived published, cursor moved, a transaction per batch)",
                "and the same rows through bare JDBC batch inserts; print messages/second and p99",
                "time-to-stored of both. Runs on a scratch embedded PostgreSQL in a temporary directory,",
                "or with --db in a scratch database created on that server and dropped afterwards:",
                "the city's data is never touched."
            })
    static class BenchIngest implements Callable<Integer> {
        @Option(
                names = "--messages",
                paramLabel = "N",
                defaultValue = "50000",
                description = "default ${DEFAULT-VALUE}")
        int messages;

        @Option(
                names = "--batch",
                paramLabel = "B",
                defaultValue = "200",
                description = "messages per receiveAll call / JDBC batch (default ${DEFAULT-VALUE})")
        int batch;

        @Option(
                names = "--threads",
                paramLabel = "T",
                defaultValue = "2",
                description = "concurrent writers, like connectors (default ${DEFAULT-VALUE})")
        int threads;

        @Option(
                names = "--db",
                paramLabel = "JDBC_URL",
                description = "a PostgreSQL server to measure, e.g. jdbc:postgresql://127.0.0.1:5432/postgres;"
                        + " a scratch database is created on it (default: a scratch embedded server)")
        String databaseUrl;

        @Option(names = "--db-user", paramLabel = "USER", description = "user for --db (needs CREATEDB)")
        String databaseUser;

        @Option(
                names = "--db-password-env",
                paramLabel = "VAR",
                description = "environment variable holding the password for --db")
        String databasePasswordVariable;

        @Override
        public Integer call() throws Exception {
            if (messages < 1 || batch < 1 || threads < 1) {
                System.err.println("--messages, --batch and --threads must be positive");
                return 2;
            }
            return IngestBenchmark.main(
                    messages,
                    batch,
                    threads,
                    databaseUrl,
                    databaseUser,
                    databasePasswordVariable == null ? "" : System.getenv().getOrDefault(databasePasswordVariable, ""));
        }
    }

    static String generatedPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) sb.append('-');
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties, WebApplicationType type) {
        // as command-line arguments, so that they take precedence over application.properties
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CivicLoopApplication.class)
                .web(type)
                .run(args);
    }
}
