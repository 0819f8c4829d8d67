package org.civicloop.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-world payloads in {@code ../shared/data} (beside the project) that the interop suites
 * run against. Found through the system property {@code civicloop.shared-data}, the environment
 * variable {@code CIVICLOOP_SHARED_DATA}, or {@code ../shared/data}. In CI ({@code CI=true}, or
 * {@code -Dcivicloop.shared-data.required=true}) missing data fails the test; elsewhere (a clean
 * clone without the folder beside it) the test is skipped and says what is missing, and
 * {@code -Dcivicloop.shared-data.optional=true} skips it even in CI.
 */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("civicloop.shared-data", System.getenv("CIVICLOOP_SHARED_DATA"));
        return Path.of(configured == null || configured.isBlank() ? "../shared/data" : configured);
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("civicloop.shared-data.required");
    }

    /** A file or folder under the shared data, which must exist (in CI) or the test is skipped. */
    public static Path path(String relative) {
        Path file = root().resolve(relative);
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("civicloop.shared-data.optional") || !required()) {
                Assumptions.abort("shared data not available, test skipped: " + file.toAbsolutePath()
                        + " (set CIVICLOOP_SHARED_DATA; CI requires it)");
            }
            fail(
                    "shared test data missing: " + file.toAbsolutePath()
                            + " (set -Dcivicloop.shared-data or CIVICLOOP_SHARED_DATA, or -Dcivicloop.shared-data.optional=true to skip)");
        }
        return file;
    }
}
