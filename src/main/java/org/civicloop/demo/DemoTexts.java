package org.civicloop.demo;

import java.time.Instant;
import java.util.List;

/**
 * What the demo city's residents write, for benchmarks: the texts of the generated messages (in
 * the languages, lengths and channels the demo uses) and the city's services. Deterministic for a
 * given count.
 */
public final class DemoTexts {

    /** A service of the demo city as text classifiers see it. */
    public record ServiceText(String code, String description) {}

    private DemoTexts() {}

    /** The texts of {@code count} messages of the demo city's last sixty days. */
    public static List<String> messages(int count) {
        var plan = RivertonMessages.plan(20261125L, count, 60, Instant.parse("2026-11-25T12:00:00Z"));
        return plan.messages().stream().map(m -> m.message().text()).toList();
    }

    public static List<ServiceText> services() {
        return RivertonCity.SERVICES.stream()
                .map(o -> new ServiceText(
                        o.service().code(),
                        o.service().name() + ". " + o.service().description() + ". "
                                + o.service().keywords()))
                .toList();
    }
}
