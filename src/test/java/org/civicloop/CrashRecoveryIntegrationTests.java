package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.civicloop.platform.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CivicLoop as an administrator runs it: {@code civicloop serve} on the embedded default, in its
 * own process. A report is committed, the process is killed with SIGKILL (kill -9), and a new
 * start on the same data directory comes up healthy with the report still there.
 */
class CrashRecoveryIntegrationTests {

    @TempDir
    Path data;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        // stops a PostgreSQL server a killed run left behind
        new EmbeddedPostgresServer(data).start().stop();
    }

    @Test
    void aCommittedReportSurvivesKillMinus9AndTheNextStartWorks() throws Exception {
        int port = freePort();
        Process first = serve(port);
        awaitHealthy(port, first);

        var created = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"text\":\"Water main break on Canal Rd, street flooding\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        first.destroyForcibly(); // SIGKILL: no shutdown hook, the PostgreSQL child keeps running
        first.waitFor();

        Process second = serve(port);
        awaitHealthy(port, second);
        var status = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"received\"");

        second.destroy(); // SIGTERM: a clean shutdown stops the embedded server too
        assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // the server removes its pid file as its last act, which may come just after the JVM's exit
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !java.nio.file.Files.exists(data.resolve("pgsql/data/postmaster.pid")));
    }

    Process serve(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CivicLoop.class.getName(),
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        data.resolveSibling(data.getFileName() + "-serve.log").toFile());
        builder.environment().remove("CIVICLOOP_DATABASE_URL");
        // Known issue: ONNX Runtime (the embedding model of the service-category and duplicate stages) can crash the
        // JVM (SIGSEGV) when the JVM shuts down while the model is loading or running, and a crashed
        // JVM cannot stop its embedded PostgreSQL (the next start stops the leftover server, as this
        // test shows for kill -9). This test is about the database's lifecycle, so it runs without
        // those stages until the shutdown is ordered behind the model.
        builder.environment().put("CIVICLOOP_TRIAGE_CATEGORY_ENABLED", "false");
        builder.environment().put("CIVICLOOP_TRIAGE_DUPLICATES_ENABLED", "false");
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    void awaitHealthy(int port, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("civicloop serve exited; see " + data + "-serve.log")
                    .isTrue();
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) return;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy within 120 s");
    }

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
