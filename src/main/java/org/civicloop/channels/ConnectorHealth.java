package org.civicloop.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a connector is doing, kept by the connector itself as it works: last success, last error,
 * error count, lag behind its source, paused. Thread-safe; {@link #snapshot()} gives a consistent
 * picture for the administration page and the health endpoint.
 */
public final class ConnectorHealth {

    /** What a connection test found. */
    public record TestResult(boolean ok, String detail) {
        public static TestResult ok(String detail) {
            return new TestResult(true, detail);
        }

        public static TestResult failed(String detail) {
            return new TestResult(false, detail);
        }
    }

    public enum State {
        /** Working, or not yet needed (a webhook nobody has called). */
        RUNNING,
        /** Paused by an administrator. */
        PAUSED,
        /** The last attempt failed; the connector is retrying. */
        FAILING,
        /** Not started. */
        STOPPED
    }

    /** A consistent view of the health at one moment. */
    public record Snapshot(
            State state,
            Instant lastSuccess,
            Instant lastError,
            String lastErrorMessage,
            long errors,
            long messages,
            Duration lag) {}

    private final Clock clock;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastError = new AtomicReference<>();
    private final AtomicReference<String> lastErrorMessage = new AtomicReference<>();
    private final AtomicReference<Duration> lag = new AtomicReference<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile boolean paused;
    private volatile boolean started;
    private volatile boolean failing;

    public ConnectorHealth(Clock clock) {
        this.clock = clock;
    }

    public ConnectorHealth() {
        this(Clock.systemUTC());
    }

    /** The connector read from or delivered to its remote side successfully. */
    public void success() {
        lastSuccess.set(clock.instant());
        failing = false;
    }

    /** The connector stored {@code count} messages from its source. */
    public void received(int count) {
        messages.addAndGet(count);
        success();
    }

    /** How far behind its source the connector is (time since the newest item it has stored was posted). */
    public void lag(Duration behind) {
        lag.set(behind);
    }

    public void failure(Throwable error) {
        failure(error == null ? "unknown error" : describe(error));
    }

    public void failure(String message) {
        errors.incrementAndGet();
        lastError.set(clock.instant());
        lastErrorMessage.set(message);
        failing = true;
    }

    public void started() {
        started = true;
    }

    public void stopped() {
        started = false;
    }

    public void paused(boolean paused) {
        this.paused = paused;
    }

    public boolean isPaused() {
        return paused;
    }

    public Snapshot snapshot() {
        State state = paused ? State.PAUSED : !started ? State.STOPPED : failing ? State.FAILING : State.RUNNING;
        return new Snapshot(
                state,
                lastSuccess.get(),
                lastError.get(),
                lastErrorMessage.get(),
                errors.get(),
                messages.get(),
                lag.get());
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
