package org.civicloop.triage;

import java.time.Instant;
import org.civicloop.shared.MessageId;

/**
 * A message describes a danger happening now. Published as soon as it is found, before the slower
 * stages run, once per message; the resident has already been told to call 911 when
 * {@code repliedOn} is not null.
 *
 * @param hazard {@code gas}, {@code fire}, {@code flooding}, {@code power_line}, {@code injury}, {@code violence}
 * @param evidence the words that showed it (from the resident's text)
 * @param repliedOn the channel the 911 answer was queued on, or null when the resident cannot be reached
 */
public record EmergencyDetected(
        MessageId messageId,
        String hazard,
        String evidence,
        String language,
        String channel,
        String repliedOn,
        Instant detectedAt) {}
