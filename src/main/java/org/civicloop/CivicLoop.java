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
        subcommands = {
            CivicLoop.Serve.class,
            CivicLoop.Demo.class,
            CivicLoop.Admin.class,
            CivicLoop.Import.class,
            CivicLoop.Eval.class,
            CivicLoop.Bench.class,
            EvalLocation.class,
            CivicLoop.Triage.class,
            CivicLoop.SecretsCommand.class
        })
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

        @Option(
                names = "--channels",
                paramLabel = "FILE",
                description = "the channels' settings (default: channels.yml in the data directory, when it exists)")
        Path channels;

        Map<String, Object> properties() {
            Map<String, Object> p = new HashMap<>();
            p.put("civicloop.data-dir", data.toAbsolutePath().normalize().toString());
            if (channels != null) {
                p.put(
                        "civicloop.channels.file",
                        channels.toAbsolutePath().normalize().toString());
            }
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
            p.putAll(demoChannels(System.getenv()));
            start(p, WebApplicationType.SERVLET);
            return 0;
        }
    }

    /**
     * The channels the demo city has on without any configuration: its own ActivityPub account
     * {@code @riverton}, unless the environment configures the channel otherwise.
     */
    static Map<String, Object> demoChannels(Map<String, String> environment) {
        Map<String, Object> p = new HashMap<>();
        if (!environment.containsKey("CIVICLOOP_ACTIVITYPUB_ENABLED")) {
            p.put("civicloop.channels.activitypub.enabled", "true");
        }
        if (!environment.containsKey("CIVICLOOP_ACTIVITYPUB_ACCOUNTS")) {
            p.put("civicloop.channels.activitypub.accounts", "riverton");
            p.put("civicloop.channels.activitypub.names.riverton", "City of Riverton");
        }
        return p;
    }

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Measure a triage model on a labelled CSV file (columns text,label; others ignored).",
                "Prints one JSON object on stdout and a progress bar on stderr."
            })
    static class Eval implements Callable<Integer> {
        @CommandLine.Parameters(
                index = "0",
                paramLabel = "TASK",
                description = "category, kind, abuse, emergency, language or sentiment")
        String task;

        @Option(names = "--test", required = true, paramLabel = "FILE", description = "labelled examples to measure on")
        Path test;

        @Option(names = "--train", paramLabel = "FILE", description = "labelled examples to train or adapt on first")
        Path train;

        @Option(
                names = "--services",
                paramLabel = "FILE",
                description = "CSV label,description of the city's services (zero-shot categories)")
        Path services;

        @Option(
                names = "--text-column",
                paramLabel = "NAME|N",
                description = "the column holding the text: a header name or a number from 1 (default: text)")
        String textColumn;

        @Option(
                names = "--label-column",
                paramLabel = "NAME|N",
                description = "the column holding the label: a header name or a number from 1 (default: label)")
        String labelColumn;

        @Option(
                names = "--no-header",
                description = "the files have no header row (give --text-column and --label-column as numbers)")
        boolean noHeader;

        @Option(
                names = "--folds",
                paramLabel = "K",
                description =
                        "cross-validate: split the test file into K parts, train on K-1 (plus --train) and test on"
                                + " the other, K times; prints each fold and the mean")
        int folds;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description =
                        "data directory whose models/ are evaluated as shipped, e.g. models/abuse.bin (default: env CIVICLOOP_DATA_DIR or data)")
        Path data;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            logToStandardError();
            String previousData = System.getProperty("civicloop.data-dir");
            if (data != null) System.setProperty("civicloop.data-dir", data.toString());
            try {
                return evaluate();
            } finally {
                if (previousData == null) System.clearProperty("civicloop.data-dir");
                else System.setProperty("civicloop.data-dir", previousData);
            }
        }

        private int evaluate() throws Exception {
            var err = spec.commandLine().getErr();
            var chosen = org.civicloop.triage.eval.EvaluationTasks.find(task);
            if (chosen.isEmpty()) {
                err.println("Unknown or unavailable task '" + task + "'. Available: "
                        + org.civicloop.triage.eval.EvaluationTasks.available().stream()
                                .map(org.civicloop.triage.eval.EvaluationTask::name)
                                .toList());
                return 2;
            }
            try {
                var columns = new org.civicloop.triage.eval.ExampleFiles.Columns(textColumn, labelColumn, !noHeader);
                var testSet = org.civicloop.triage.eval.ExampleFiles.read(test, columns);
                var trainSet = train == null ? null : org.civicloop.triage.eval.ExampleFiles.read(train, columns);
                if (testSet.skipped() > 0)
                    err.println("Skipped " + testSet.skipped() + " test rows without text or label");
                var bar = new ProgressBar(err);
                Object result = folds > 1
                        ? org.civicloop.triage.eval.CrossValidation.run(
                                chosen.get(),
                                testSet.examples(),
                                trainSet == null ? null : trainSet.examples(),
                                services,
                                folds,
                                bar)
                        : chosen.get()
                                .evaluate(
                                        new org.civicloop.triage.eval.EvaluationTask.Input(
                                                testSet.examples(),
                                                trainSet == null ? null : trainSet.examples(),
                                                services),
                                        bar);
                bar.finish();
                printJson(spec, result);
                return 0;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(
            name = "triage",
            mixinStandardHelpOptions = true,
            description = {
                "Messages per second through the triage stages: each stage alone on one thread, then the whole"
                        + " pipeline on worker threads without and with sentence embeddings.",
                "Texts: the demo city's generated messages, or --input FILE. Prints one JSON object on stdout and a"
                        + " progress bar on stderr."
            })
    static class BenchTriage implements Callable<Integer> {
        @Option(
                names = "--messages",
                paramLabel = "N",
                defaultValue = "5000",
                description = "how many messages (default: ${DEFAULT-VALUE}; from --input, at most its rows, repeated"
                        + " when it has fewer)")
        int messages;

        @Option(names = "--input", paramLabel = "FILE", description = "a CSV file with a header and a text column")
        Path input;

        @Option(
                names = "--text-column",
                paramLabel = "NAME|N",
                defaultValue = "text",
                description = "the column of --input holding the text (default: ${DEFAULT-VALUE})")
        String textColumn;

        @Option(
                names = "--threads",
                paramLabel = "N",
                defaultValue = "2",
                description = "worker threads for the whole pipeline (default: ${DEFAULT-VALUE})")
        int threads;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            logToStandardError();
            var err = spec.commandLine().getErr();
            if (messages < 1 || messages > 1_000_000 || threads < 1 || threads > 64) {
                err.println("--messages must be between 1 and 1000000 and --threads between 1 and 64");
                return 2;
            }
            List<String> texts;
            String source;
            try {
                if (input != null) {
                    var columns = new org.civicloop.triage.eval.ExampleFiles.Columns(textColumn, textColumn, true);
                    var all = org.civicloop.triage.eval.ExampleFiles.read(input, columns).examples().stream()
                            .map(org.civicloop.triage.eval.Example::text)
                            .toList();
                    if (all.isEmpty()) {
                        err.println("No texts in " + input);
                        return 2;
                    }
                    var repeated = new java.util.ArrayList<String>(messages);
                    for (int i = 0; i < messages; i++) repeated.add(all.get(i % all.size()));
                    texts = repeated;
                    source = input.getFileName() + " (" + all.size() + " texts)";
                } else {
                    texts = org.civicloop.demo.DemoTexts.messages(messages);
                    source = "demo city messages";
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                err.println(e.getMessage());
                return 2;
            }
            var services = org.civicloop.demo.DemoTexts.services().stream()
                    .map(s -> new org.civicloop.triage.bench.TriageBenchmark.Service(s.code(), s.description()))
                    .toList();
            var bar = new ProgressBar(err);
            var result = new org.civicloop.triage.bench.TriageBenchmark(services).run(texts, threads, source, bar);
            bar.finish();
            printJson(spec, result);
            return 0;
        }
    }

    /** Prints a command's result as one JSON object on stdout (eval, bench triage, eval-location). */
    static void printJson(CommandLine.Model.CommandSpec spec, Object result) {
        spec.commandLine()
                .getOut()
                .println(tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(result));
        spec.commandLine().getOut().flush();
    }

    /**
     * Commands that print results on stdout (eval) send log lines to stderr, warnings and worse
     * only; the native libraries' start-up chatter (no GPU found) is silenced.
     */
    static void logToStandardError() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        context.reset();
        var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{20} - %msg%n");
        encoder.start();
        var appender = new ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        root.addAppender(appender);
        context.getLogger("ai.djl").setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    /** A one-line progress bar on a terminal stream, redrawn at most every 1 %. */
    static final class ProgressBar implements org.civicloop.triage.eval.EvaluationTask.Progress {
        private final PrintWriter out;
        private int shown = -1;

        ProgressBar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void done(long done, long total) {
            int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
            if (percent == shown) return;
            shown = percent;
            int filled = percent / 4;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + percent + "% (" + done + "/" + total
                    + ")");
            out.flush();
        }

        void finish() {
            if (shown >= 0) out.println();
            out.flush();
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Measure CivicLoop on this machine: ingest (in a scratch database) and triage (in-process).",
            subcommands = {BenchIngest.class, BenchTriage.class})
    static class Bench extends CommandGroup {}

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

        @Option(
                names = "--triage",
                description = "run triage in the same process, as a server does (default: off, so that the"
                        + " ingest path alone is measured; `bench triage` measures triage)")
        boolean triage;

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
                    databasePasswordVariable == null ? "" : System.getenv().getOrDefault(databasePasswordVariable, ""),
                    triage);
        }
    }

    /** A command that only groups subcommands: run alone, it prints its usage. */
    abstract static class CommandGroup implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.out);
            return 0;
        }
    }

    @Command(
            name = "admin",
            mixinStandardHelpOptions = true,
            description = "Administer an installation.",
            subcommands = {CreateUser.class, CreateToken.class})
    static class Admin extends CommandGroup {}

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
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Import residents' messages from files.",
            subcommands = {ImportMail.class, ImportCsv.class})
    static class Import extends CommandGroup {}

    @Command(
            name = "csv",
            mixinStandardHelpOptions = true,
            description = {
                "Import a CSV file (phone logs, counter visits, other systems' exports) into the inbox.",
                "Every valid row is stored, all in one transaction; invalid rows are listed with the reason.",
                "Rows imported before are not stored twice, so the same file can be imported again safely.",
                "Exit status: 0 imported (invalid rows, if any, are listed), 1 the import failed (nothing stored),",
                "2 the file or the mapping cannot be used."
            })
    static class ImportCsv implements Callable<Integer> {
        @Mixin
        Installation installation = new Installation();

        @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "the CSV file (UTF-8; , ; or tab)")
        Path file;

        @Option(
                names = "--map",
                required = true,
                paramLabel = "FIELD=COLUMN,...",
                description = {
                    "which column holds what, e.g. text=description,address=location,lat=y,lng=x,posted_at=date",
                    "fields: text (required), id, name, phone, email, address, lat, lng, posted_at, channel"
                })
        String map;

        @Option(
                names = "--channel",
                paramLabel = "CHANNEL",
                defaultValue = "phone",
                description =
                        "channel of rows without a channel column: phone, in_person, email, … (default: ${DEFAULT-VALUE})")
        String channel;

        @Option(
                names = "--time-format",
                paramLabel = "PATTERN",
                description =
                        "format of the posted_at column, e.g. \"M/d/yyyy H:mm\" (default: ISO 8601 and common forms)")
        String timeFormat;

        @Option(
                names = "--zone",
                paramLabel = "ZONE",
                description = "time zone of dates without one, e.g. America/New_York (default: the system's)")
        String zone;

        @Option(names = "--dry-run", description = "check every row and report, store nothing")
        boolean dryRun;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!java.nio.file.Files.isReadable(file)) {
                err.println("Cannot read " + file);
                return 2;
            }
            org.civicloop.channels.csvimport.ImportOptions options;
            try {
                if (!org.civicloop.shared.ChannelKind.isKnown(channel)) {
                    err.println("Unknown channel " + channel + "; known: "
                            + java.util.Arrays.stream(org.civicloop.shared.ChannelKind.values())
                                    .map(org.civicloop.shared.ChannelKind::code)
                                    .toList());
                    return 2;
                }
                options = new org.civicloop.channels.csvimport.ImportOptions(
                        org.civicloop.channels.csvimport.ImportMapping.parse(map),
                        org.civicloop.shared.ChannelKind.fromCode(channel),
                        timeFormat,
                        zone == null ? null : java.time.ZoneId.of(zone),
                        dryRun);
            } catch (org.civicloop.channels.csvimport.InvalidImportException | java.time.DateTimeException e) {
                err.println(e.getMessage());
                return 2;
            }
            Map<String, Object> p = installation.properties();
            p.put("logging.level.root", "WARN");
            p.put("civicloop.replies.dispatch-interval", "1h");
            try (ConfigurableApplicationContext context = start(p, WebApplicationType.NONE)) {
                var importer = context.getBean(org.civicloop.channels.csvimport.CsvImporter.class);
                var bar = new ProgressBar(out);
                var report = importer.importFile(file, options, bar::done);
                bar.finish();
                out.println((dryRun ? "Dry run, nothing stored. " : "") + report.rows() + " rows: "
                        + report.imported() + (dryRun ? " would be new, " : " imported, ")
                        + report.duplicates() + " already stored, " + report.invalid() + " invalid.");
                if (!report.errors().isEmpty()) {
                    out.println("Rows not imported (row numbers count the header as row 1):");
                    for (var e : report.errors()) {
                        out.println("  row " + e.row() + (e.column().isEmpty() ? "" : ", column " + e.column()) + ": "
                                + e.reason());
                    }
                }
                return 0;
            } catch (org.civicloop.channels.csvimport.InvalidImportException e) {
                out.println();
                err.println(e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                out.println();
                err.println("The import failed, nothing was stored: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "mail",
            mixinStandardHelpOptions = true,
            description = {
                "Import e-mail: single messages (.eml) and mailboxes (.mbox, mboxo or mboxrd).",
                "Importing the same file again stores nothing twice; auto-replies, bounces and the",
                "city's own mail (civicloop.channels.email.own-addresses) are counted, not stored."
            })
    static class ImportMail implements Callable<Integer> {
        @Mixin
        Installation installation = new Installation();

        @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = ".eml or .mbox files")
        List<Path> files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            for (Path file : files) {
                if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
                    err.println("Cannot read " + file);
                    return 2;
                }
            }
            Map<String, Object> p = installation.properties();
            p.put("logging.level.root", "WARN");
            p.put("civicloop.replies.dispatch-interval", "1h");
            // this process only imports: the server, if it runs, polls the mailbox itself
            p.put("civicloop.channels.email.imap.enabled", "false");
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigurableApplicationContext context = start(p, WebApplicationType.NONE)) {
                var report = context.getBean(org.civicloop.channels.email.MailImport.class)
                        .importFiles(files, progress -> {
                            if (progress.note() != null) out.println("  " + progress.note());
                            int step = Math.max(1, progress.total() / 20);
                            if (progress.done() % step == 0 || progress.done() == progress.total()) {
                                out.printf(
                                        "%d/%d messages: %d stored, %d duplicate, %d skipped, %d failed%n",
                                        progress.done(),
                                        progress.total(),
                                        progress.stored(),
                                        progress.duplicates(),
                                        progress.skipped(),
                                        progress.failed());
                            }
                            out.flush();
                        });
                out.printf(
                        "Imported %d messages: %d stored, %d already there, %d skipped, %d failed%n",
                        report.total(), report.stored(), report.duplicates(), report.skipped(), report.failed());
                return report.failed() > 0 ? 1 : 0;
            }
        }
    }

    @Command(
            name = "triage",
            mixinStandardHelpOptions = true,
            description = "Build the triage models of an installation.",
            subcommands = {TrainAbuse.class})
    static class Triage implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.out);
            return 0;
        }
    }

    @Command(
            name = "train-abuse",
            mixinStandardHelpOptions = true,
            description = {
                "Train the abuse model on a labelled CSV file (text,label with hate, offensive, neither) and the project's",
                "written resident messages (abusive ones as offensive, the others as neither), and write it",
                "  to <data>/models/abuse.bin, where the server and 'civicloop eval abuse' (without --train) find it.",
                "Example: civicloop triage train-abuse --from ../shared/data/abuse/davidson-dev.csv --holdout 20 \\",
                "           --heldout-out target/abuse-heldout.csv"
            })
    static class TrainAbuse implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "FILE", description = "labelled examples")
        Path from;

        @Option(
                names = "--holdout",
                paramLabel = "PERCENT",
                defaultValue = "0",
                description =
                        "leave this share of the rows out of training (chosen by a checksum of the text: the same rows every time)")
        int holdout;

        @Option(
                names = "--without-written",
                description = "train on the file alone, without the project's written resident messages")
        boolean withoutWritten;

        @Option(
                names = "--heldout-out",
                paramLabel = "FILE",
                description = "write the rows left out to this CSV (text,label), to measure the model on")
        Path heldoutOut;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data directory (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:CIVICLOOP_DATA_DIR:-data}")
        Path data;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            logToStandardError();
            var err = spec.commandLine().getErr();
            if (holdout < 0 || holdout >= 100) {
                err.println("--holdout is a percentage from 0 to 99");
                return 2;
            }
            try {
                var loaded = org.civicloop.triage.eval.ExampleFiles.read(from);
                var train = new java.util.ArrayList<org.civicloop.triage.eval.Example>();
                var heldout = new java.util.ArrayList<org.civicloop.triage.eval.Example>();
                for (var example : loaded.examples()) {
                    (org.civicloop.triage.abuse.AbuseModels.heldOut(example.text(), holdout) ? heldout : train)
                            .add(example);
                }
                int fromFile = train.size();
                if (!withoutWritten) train.addAll(org.civicloop.triage.abuse.AbuseModels.writtenExamples());
                var model = org.civicloop.triage.abuse.AbuseModels.train(train);
                Path file = org.civicloop.triage.abuse.AbuseModels.save(model, data);
                if (heldoutOut != null) {
                    if (heldoutOut.toAbsolutePath().getParent() != null)
                        java.nio.file.Files.createDirectories(
                                heldoutOut.toAbsolutePath().getParent());
                    try (var out = java.nio.file.Files.newBufferedWriter(heldoutOut);
                            var csv = new org.apache.commons.csv.CSVPrinter(
                                    out, org.apache.commons.csv.CSVFormat.RFC4180)) {
                        csv.printRecord("text", "label");
                        for (var example : heldout) csv.printRecord(example.text(), example.label());
                    }
                }
                spec.commandLine()
                        .getOut()
                        .println("Trained on " + fromFile + " rows of " + from
                                + (withoutWritten ? "" : " and " + (train.size() - fromFile) + " written examples")
                                + " (labels " + model.labels() + "), "
                                + heldout.size() + " held out" + (heldoutOut == null ? "" : " in " + heldoutOut)
                                + "; wrote " + file);
                return 0;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(
            name = "secrets",
            mixinStandardHelpOptions = true,
            description = {
                "Encrypt secrets for channels.yml, application properties or environment variables.",
                "Values written {cipher}… are decrypted at start with the key in CIVICLOOP_SECRET_KEY."
            },
            subcommands = {GenerateKey.class, Encrypt.class})
    static class SecretsCommand extends CommandGroup {}

    @Command(
            name = "generate-key",
            mixinStandardHelpOptions = true,
            description = {
                "Print a new random key (32 bytes, base64) for CIVICLOOP_SECRET_KEY.",
                "Keep it outside the data directory and its backups: whoever has both can read the secrets."
            })
    static class GenerateKey implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(org.civicloop.platform.SecretBox.generateKey());
            return 0;
        }
    }

    @Command(
            name = "encrypt",
            mixinStandardHelpOptions = true,
            description = {
                "Read a secret from standard input (one line) and print it encrypted, {cipher}…,",
                "with the key in CIVICLOOP_SECRET_KEY. Example:",
                "  printf '%s' \"$TOKEN\" | civicloop secrets encrypt"
            })
    static class Encrypt implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            org.civicloop.platform.SecretBox box;
            try {
                var found = org.civicloop.platform.SecretBox.fromEnvironment(System.getenv());
                if (found.isEmpty()) {
                    err.println(org.civicloop.platform.SecretBox.KEY_VARIABLE
                            + " is not set: make a key with 'civicloop secrets generate-key' and export it");
                    return 2;
                }
                box = found.get();
            } catch (org.civicloop.platform.SecretBox.InvalidKey e) {
                err.println(e.getMessage());
                return 2;
            }
            var reader = new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || line.strip().isEmpty()) {
                err.println("Nothing to encrypt: write the secret to standard input");
                return 2;
            }
            System.out.println(box.encrypt(line.strip()));
            return 0;
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
