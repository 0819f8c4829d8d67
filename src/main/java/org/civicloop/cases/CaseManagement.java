package org.civicloop.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

/** The cases module's API: open cases from residents' messages, move them on, read them. */
@org.springframework.stereotype.Service
@Transactional
public class CaseManagement {

    private final Cases cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CasesSettings settings;

    CaseManagement(Cases cases, ApplicationEventPublisher events, Clock clock, CasesSettings settings) {
        this.cases = cases;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** Opens a case now. */
    public Case open(OpenCase command, String actor) {
        return open(command, actor, clock.instant());
    }

    /** Opens a case at a given moment (imports and the demo city bring their history along). */
    public Case open(OpenCase command, String actor, Instant at) {
        var service = cases.service(command.serviceCode())
                .orElseThrow(() -> new IllegalArgumentException("Unknown service: " + command.serviceCode()));
        for (var reporter : command.reporters()) {
            cases.caseOf(reporter.messageId()).ifPresent(existing -> {
                throw new IllegalStateException("That message already reports another case");
            });
        }
        String reference = "%s-%d-%05d"
                .formatted(settings.referencePrefix(), at.atZone(ZoneOffset.UTC).getYear() % 100, cases.nextNumber());
        String department = command.departmentCode() == null ? service.departmentCode() : command.departmentCode();
        if (cases.departments().stream().noneMatch(d -> d.code().equals(department))) {
            throw new IllegalArgumentException("Unknown department: " + department);
        }
        Case c = Case.open(
                CaseId.random(),
                reference,
                service,
                department,
                command.priority(),
                command.title().strip(),
                command.description().strip(),
                command.address(),
                command.location(),
                at);
        cases.insert(c);
        cases.recordEvent(c.id(), at, actor, null, CaseStatus.NEW, null, null);
        events.publishEvent(new CaseOpened(c.id(), reference, service.code(), department, actor, at));
        for (var reporter : command.reporters()) {
            attachReporter(c, reporter.messageId(), reporter.channel(), actor, at, true);
        }
        return c;
    }

    /** Counts a further message as a reporter of an existing case. */
    public Case attach(CaseId id, MessageId messageId, String channel, String actor) {
        return attach(id, messageId, channel, actor, clock.instant());
    }

    public Case attach(CaseId id, MessageId messageId, String channel, String actor, Instant at) {
        Case c = require(id);
        cases.caseOf(messageId).ifPresent(existing -> {
            if (!existing.equals(id)) throw new IllegalStateException("That message already reports another case");
        });
        attachReporter(c, messageId, channel, actor, at, false);
        return c;
    }

    private void attachReporter(
            Case c, MessageId messageId, String channel, String actor, Instant at, boolean justOpened) {
        if (cases.attach(c.id(), messageId, channel, at, actor)) {
            events.publishEvent(new ReporterAttached(c.id(), c.reference(), messageId, justOpened, actor, at));
        }
    }

    /** Moves a case on with an optional note for the public and one for staff. */
    public Case changeStatus(CaseId id, CaseStatus target, String publicNote, String internalNote, String actor) {
        return changeStatus(id, target, publicNote, internalNote, actor, clock.instant());
    }

    public Case changeStatus(
            CaseId id, CaseStatus target, String publicNote, String internalNote, String actor, Instant at) {
        Case c = require(id);
        CaseStatusChanged changed = c.changeStatus(target, actor, publicNote, internalNote, at);
        cases.update(c);
        cases.recordEvent(id, at, actor, changed.from(), changed.to(), publicNote, internalNote);
        events.publishEvent(changed);
        return c;
    }

    public Case assign(CaseId id, String assignee, CasePriority priority, String actor) {
        Case c = require(id);
        Instant now = clock.instant();
        c.assignTo(assignee, now);
        if (priority != null) c.prioritise(priority, now);
        cases.update(c);
        events.publishEvent(new CaseAssigned(c.id(), c.reference(), c.assignee(), c.priority(), actor, now));
        return c;
    }

    @Transactional(readOnly = true)
    public Optional<Case> find(CaseId id) {
        return cases.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<Case> findByReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 40) return Optional.empty();
        return cases.findByReference(reference.strip());
    }

    @Transactional(readOnly = true)
    public Optional<CaseId> caseReportedBy(MessageId messageId) {
        return cases.caseOf(messageId);
    }

    @Transactional(readOnly = true)
    public List<Case> list(CaseFilter filter, int limit, int offset) {
        return cases.find(filter, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
    }

    @Transactional(readOnly = true)
    public Map<CaseStatus, Long> countByStatus() {
        return cases.countByStatus();
    }

    @Transactional(readOnly = true)
    public List<CaseHistoryEntry> history(CaseId id) {
        return cases.history(id);
    }

    @Transactional(readOnly = true)
    public List<Reporter> reporters(CaseId id) {
        return cases.reporters(id);
    }

    @Transactional(readOnly = true)
    public List<Service> services() {
        return cases.services();
    }

    @Transactional(readOnly = true)
    public Optional<Service> service(String code) {
        return code == null ? Optional.empty() : cases.service(code);
    }

    @Transactional(readOnly = true)
    public List<Department> departments() {
        return cases.departments();
    }

    /** Adds or updates a department (administration, catalogue imports, the demo city). */
    public void saveDepartment(Department department) {
        cases.saveDepartment(department);
    }

    public void saveService(Service service) {
        cases.saveService(service);
    }

    private Case require(CaseId id) {
        return cases.findById(id).orElseThrow(() -> new CaseNotFoundException(id.toString()));
    }
}
