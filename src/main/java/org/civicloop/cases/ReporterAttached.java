package org.civicloop.cases;

import java.time.Instant;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;

/** A resident's message now counts as a reporter of a case. */
public record ReporterAttached(
        CaseId caseId, String reference, MessageId messageId, boolean caseJustOpened, String actor, Instant at) {}
