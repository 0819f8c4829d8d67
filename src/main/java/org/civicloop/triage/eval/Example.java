package org.civicloop.triage.eval;

import java.util.Objects;

/** One labelled text of an evaluation or training file; {@code line} is where it is in the file. */
public record Example(String text, String label, long line) {
    public Example {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }

    public Example(String text, String label) {
        this(text, label, 0);
    }
}
