package org.civicloop.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-world payloads in {@code ../shared/data} (beside the project) that the interop suites
 * run against. Found through the system property {@code civicloop.shared-data}, the environment
 * variable {@code CIVICLOOP_SHARED_DATA}, or {@code ../shared/data}. Missing data fails the test,
 * unless {@code -Dcivicloop.shared-data.optional=true} says to skip it (outside CI only).
 */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("civicloop.shared-data", System.getenv("CIVICLOOP_SHARED_DATA"));
        return Path.of(configured == null || configured.isBlank() ? "../shared/data" : configured);
    }

    /** A file or folder under the shared data, which must exist. */
    public static Path path(String relative) {
        Path file = root().resolve(relative);
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("civicloop.shared-data.optional")) {
                Assumptions.abort("shared data not available: " + file.toAbsolutePath());
            }
            fail(
                    "shared test data missing: " + file.toAbsolutePath()
                            + " (set -Dcivicloop.shared-data or CIVICLOOP_SHARED_DATA, or -Dcivicloop.shared-data.optional=true to skip)");
        }
        return file;
    }
}
