package org.civicloop.cases;

import java.time.Instant;
import org.civicloop.shared.CaseId;

/** A case moved on; {@code publicNote} is what residents are told, if anything. */
public record CaseStatusChanged(
        CaseId caseId, String reference, CaseStatus from, CaseStatus to, String publicNote, String actor, Instant at) {}
