package org.civicloop.triage;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.cases.CaseManagement;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.duplicates.DuplicateResults;
import org.civicloop.triage.privacy.PersonalDataRedactor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of triage: the stored result for a message. Messages are triaged
 * shortly after they are received or edited, so a message seconds old may not have a result yet.
 */
@Service
public class TriageManagement {

    private final TriageResults results;
    private final DuplicateResults duplicates;
    private final KindResults kinds;
    private final LocationResults locations;
    private final org.civicloop.triage.location.Locator locator;
    private final TriageCorrections corrections;
    private final EmergencyAlerts alerts;
    private final PersonalDataRedactor redactor;
    private final CaseManagement cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TriageManagement(
            TriageResults results,
            DuplicateResults duplicates,
            KindResults kinds,
            LocationResults locations,
            org.civicloop.triage.location.Locator locator,
            TriageCorrections corrections,
            EmergencyAlerts alerts,
            PersonalDataRedactor redactor,
            CaseManagement cases,
            ApplicationEventPublisher events,
            Clock clock) {
        this.results = results;
        this.duplicates = duplicates;
        this.kinds = kinds;
        this.locations = locations;
        this.locator = locator;
        this.corrections = corrections;
        this.alerts = alerts;
        this.redactor = redactor;
        this.cases = cases;
        this.events = events;
        this.clock = clock;
    }

    public Optional<MessageTriage> find(MessageId id) {
        return results.find(id);
    }

    /** Where a message is about, if it names a place (or was sent with coordinates). */
    public Optional<MessageLocation> location(MessageId id) {
        return locations.find(id);
    }

    /** The most recently located messages in a neighbourhood, newest first. */
    public java.util.List<MessageLocation> locationsIn(String neighbourhood, int limit) {
        return locations.inNeighbourhood(neighbourhood, Math.max(1, Math.min(limit, 1000)));
    }

    /** The names of the city's neighbourhoods, as its gazetteer has them. */
    public java.util.List<String> neighbourhoods() {
        return locator.gazetteer().neighbourhoods().stream()
                .map(org.civicloop.triage.location.Gazetteer.Neighbourhood::name)
                .toList();
    }

    /** Whether a message repeats, reports or resembles something already known, once it was checked. */
    public Optional<MessageDuplicate> duplicate(MessageId id) {
        return duplicates.find(id);
    }

    /** The messages grouped under one theme, in the order they were posted. */
    public List<MessageDuplicate> duplicateGroup(UUID groupId) {
        return groupId == null ? List.of() : duplicates.group(groupId);
    }

    /** Messages that look like reports of a case but were left for staff to decide, most alike first. */
    public List<MessageDuplicate> suggestedReporters(CaseId caseId) {
        return duplicates.suggestedFor(caseId);
    }

    /** What kind of message it is, whether it is abusive and how urgent; empty until judged. */
    public Optional<MessageKind> kind(MessageId id) {
        return kinds.find(id);
    }

    /**
     * Whether a message was judged abusive: hide it from public views, never answer it
     * automatically, flag it for staff. False for a message not judged yet.
     */
    public boolean isAbusive(MessageId id) {
        return kinds.find(id).map(MessageKind::abusive).orElse(false);
    }

    /** Those of the given messages judged abusive (for a list page to hide or flag them in one query). */
    public java.util.Set<MessageId> abusive(java.util.Collection<MessageId> ids) {
        return java.util.Set.copyOf(kinds.abusive(java.util.List.copyOf(ids)));
    }

    /** The stored results of several messages (those not triaged yet are missing from the map). */
    public Map<MessageId, MessageTriage> findAll(Collection<MessageId> ids) {
        return results.findAll(ids);
    }

    /** Messages in a triage view (not retracted), newest first. */
    public List<MessageId> messagesIn(TriageFilter filter, int limit, int offset) {
        return results.messagesIn(filter, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
    }

    /** A text with personal data replaced by placeholders (for a message not triaged yet). */
    public String redact(String text) {
        return text == null ? "" : redactor.redact(text).text();
    }

    /** Every staff correction of a message, oldest first. */
    public List<TriageCorrection> corrections(MessageId id) {
        return corrections.of(id);
    }

    /** The newest correction of one stage for each of these messages that has one. */
    public Map<MessageId, TriageCorrection> latestCorrections(Collection<MessageId> ids, String stage) {
        return corrections.latest(ids, stage);
    }

    /**
     * Staff say a message is about another service than the machine thought. Stored beside the
     * machine's answer; it becomes a training example for the service classifier.
     *
     * @throws IllegalArgumentException when the service is not in the catalogue
     */
    @Transactional
    public TriageCorrection correctCategory(MessageId id, String serviceCode, String actor) {
        if (cases.service(serviceCode).isEmpty()) throw new IllegalArgumentException("Unknown service: " + serviceCode);
        String old = corrections.latest(List.of(id), TriageCorrection.CATEGORY).values().stream()
                .findFirst()
                .map(TriageCorrection::newValue)
                .orElseGet(() -> results.find(id)
                        .map(MessageTriage::category)
                        .map(MessageTriage.Category::service)
                        .orElse(null));
        return recordCorrection(id, TriageCorrection.CATEGORY, old, serviceCode, actor);
    }

    /**
     * Stores a correction of any stage's answer (kind, location, duplicate, ...) beside the
     * machine's, and announces it ({@link TriageCorrected}) to the stage that learns from it.
     */
    @Transactional
    public TriageCorrection recordCorrection(
            MessageId id, String stage, String oldValue, String newValue, String actor) {
        if (stage == null || stage.isBlank() || newValue == null || newValue.isBlank())
            throw new IllegalArgumentException("A correction needs a stage and a value");
        var correction = corrections.add(id, stage.strip(), oldValue, newValue.strip(), actor, clock.instant());
        events.publishEvent(new TriageCorrected(
                id, correction.stage(), oldValue, correction.newValue(), actor, correction.correctedAt()));
        return correction;
    }

    /** Emergency alerts: open ones first, newest first. */
    public List<EmergencyAlert> alerts(boolean openOnly, int limit) {
        return alerts.list(openOnly, Math.min(Math.max(limit, 1), 500));
    }

    public Optional<EmergencyAlert> alert(MessageId id) {
        return alerts.find(id);
    }

    public long openAlerts() {
        return alerts.countOpen();
    }

    /** A member of staff took charge of an alert; false when it was not open. */
    @Transactional
    public boolean acknowledgeAlert(MessageId id, String actor) {
        return alerts.acknowledge(id, actor, clock.instant());
    }
}
