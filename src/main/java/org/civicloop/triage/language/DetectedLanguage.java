package org.civicloop.triage.language;

import java.util.Objects;

/**
 * The language of a text as an ISO 639-1 code ({@code en}, {@code es}, …) and the detector's
 * confidence in it, from 0 to 1; {@code und} (undetermined, ISO 639-2) with confidence 0 when the
 * text has no letters left once links, handles, hashtags and numbers are removed, is too short to
 * tell, or is not written in any configured language.
 */
public record DetectedLanguage(String code, double confidence) {

    public static final String UNDETERMINED_CODE = "und";
    public static final DetectedLanguage UNDETERMINED = new DetectedLanguage(UNDETERMINED_CODE, 0);

    public DetectedLanguage {
        Objects.requireNonNull(code, "code");
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence))
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }

    public boolean isDetermined() {
        return !UNDETERMINED_CODE.equals(code);
    }
}
