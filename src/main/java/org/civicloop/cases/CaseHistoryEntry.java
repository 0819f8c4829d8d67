package org.civicloop.cases;

import java.time.Instant;

public record CaseHistoryEntry(
        Instant at, String actor, CaseStatus from, CaseStatus to, String publicNote, String internalNote) {}
