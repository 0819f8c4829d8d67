package org.civicloop.cases;

import java.time.Instant;
import org.civicloop.shared.CaseId;

public record CaseOpened(
        CaseId caseId, String reference, String serviceCode, String departmentCode, String actor, Instant at) {}
