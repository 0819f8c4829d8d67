package org.civicloop.cases;

import java.time.Instant;
import org.civicloop.shared.CaseId;

/** Someone took a case on, or its priority changed. */
public record CaseAssigned(
        CaseId caseId, String reference, String assignee, CasePriority priority, String actor, Instant at) {}
