package org.civicloop.triage.privacy;

import java.util.List;
import java.util.Objects;

/**
 * A text with its personal data replaced by placeholders ({@code [email]}, {@code [phone]}, …),
 * and what was found, in the order of the original text (offsets are into the original).
 */
public record Redaction(String text, List<Finding> findings) {
    public Redaction {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }

    public boolean foundAny() {
        return !findings.isEmpty();
    }
}
