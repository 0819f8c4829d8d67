package org.civicloop.triage.duplicates;

import java.time.Instant;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.GeoPoint;

/** An open case as duplicate detection compares it: its service, place, time span and text vector. */
public record OpenCaseView(
        CaseId id, String serviceCode, GeoPoint location, Instant openedAt, Instant updatedAt, float[] vector) {}
