package org.civicloop.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.GeoPoint;

/**
 * A service request being worked on. The aggregate guards its own transitions: a closed case
 * cannot be resolved, only reopened; the caller does not check.
 */
public final class Case {

    private final CaseId id;
    private final String reference;
    private final String serviceCode;
    private final String departmentCode;
    private CasePriority priority;
    private CaseStatus status;
    private final String title;
    private final String description;
    private final String address;
    private final GeoPoint location;
    private String assignee;
    private final Instant openedAt;
    private Instant updatedAt;
    private final Instant acknowledgeDue;
    private final Instant resolveDue;
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private final int version;

    Case(
            CaseId id,
            String reference,
            String serviceCode,
            String departmentCode,
            CasePriority priority,
            CaseStatus status,
            String title,
            String description,
            String address,
            GeoPoint location,
            String assignee,
            Instant openedAt,
            Instant updatedAt,
            Instant acknowledgeDue,
            Instant resolveDue,
            Instant acknowledgedAt,
            Instant resolvedAt,
            Instant closedAt,
            int version) {
        this.id = Objects.requireNonNull(id);
        this.reference = Objects.requireNonNull(reference);
        this.serviceCode = Objects.requireNonNull(serviceCode);
        this.departmentCode = Objects.requireNonNull(departmentCode);
        this.priority = Objects.requireNonNull(priority);
        this.status = Objects.requireNonNull(status);
        this.title = Objects.requireNonNull(title);
        this.description = Objects.requireNonNull(description);
        this.address = address;
        this.location = location;
        this.assignee = assignee;
        this.openedAt = Objects.requireNonNull(openedAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.acknowledgeDue = Objects.requireNonNull(acknowledgeDue);
        this.resolveDue = Objects.requireNonNull(resolveDue);
        this.acknowledgedAt = acknowledgedAt;
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
        this.version = version;
    }

    /** Opens a new case for a service, with its service-level targets counted from now. */
    static Case open(
            CaseId id,
            String reference,
            Service service,
            CasePriority priority,
            String title,
            String description,
            String address,
            GeoPoint location,
            Instant now) {
        return open(
                id, reference, service, service.departmentCode(), priority, title, description, address, location, now);
    }

    /** Opens a new case handled by another department than the one owning the service. */
    static Case open(
            CaseId id,
            String reference,
            Service service,
            String departmentCode,
            CasePriority priority,
            String title,
            String description,
            String address,
            GeoPoint location,
            Instant now) {
        return new Case(
                id,
                reference,
                service.code(),
                departmentCode,
                priority,
                CaseStatus.NEW,
                title,
                description,
                address,
                location,
                null,
                now,
                now,
                now.plus(Duration.ofHours(service.acknowledgeHours())),
                now.plus(Duration.ofHours(service.resolveHours())),
                null,
                null,
                null,
                0);
    }

    /**
     * Moves the case on, recording when it was first acknowledged, resolved or closed.
     *
     * @throws IllegalCaseTransitionException when the status cannot be reached from here
     */
    CaseStatusChanged changeStatus(
            CaseStatus target, String actor, String publicNote, String internalNote, Instant now) {
        Objects.requireNonNull(target, "target");
        if (!status.canMoveTo(target)) {
            throw new IllegalCaseTransitionException(status, target);
        }
        CaseStatus from = status;
        status = target;
        updatedAt = now;
        if (acknowledgedAt == null && target != CaseStatus.NEW) {
            acknowledgedAt = now;
        }
        switch (target) {
            case RESOLVED -> resolvedAt = now;
            case CLOSED -> {
                closedAt = now;
                if (resolvedAt == null) resolvedAt = now;
            }
            case REOPENED -> {
                resolvedAt = null;
                closedAt = null;
            }
            default -> {}
        }
        return new CaseStatusChanged(id, reference, from, target, blankToNull(publicNote), actor, now);
    }

    void assignTo(String staff, Instant now) {
        this.assignee = blankToNull(staff);
        this.updatedAt = now;
    }

    void prioritise(CasePriority priority, Instant now) {
        this.priority = Objects.requireNonNull(priority);
        this.updatedAt = now;
    }

    /** True when the resolution target has passed and the case is still open. */
    public boolean isOverdue(Instant now) {
        return status.isOpen() && now.isAfter(resolveDue);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public CaseId id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public String serviceCode() {
        return serviceCode;
    }

    public String departmentCode() {
        return departmentCode;
    }

    public CasePriority priority() {
        return priority;
    }

    public CaseStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String address() {
        return address;
    }

    public GeoPoint location() {
        return location;
    }

    public String assignee() {
        return assignee;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant acknowledgeDue() {
        return acknowledgeDue;
    }

    public Instant resolveDue() {
        return resolveDue;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    int version() {
        return version;
    }
}
