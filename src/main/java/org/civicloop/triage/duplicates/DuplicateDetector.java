package org.civicloop.triage.duplicates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.civicloop.cases.Case;
import org.civicloop.cases.CaseFilter;
import org.civicloop.cases.CaseManagement;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.MessageDuplicate;
import org.civicloop.triage.MessageLocations;
import org.civicloop.triage.text.SentenceEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Compares every message received with the recent ones and with the open cases
 * ({@link DuplicateRules}), stores what it found in {@code message_duplicate}, and acts: a
 * confident match is attached to its case as a new reporter (actor {@value #ACTOR}), a weaker
 * one is left as a suggestion for staff, a message alike recent ones no case covers joins their
 * group, a resident's own repeat is flagged and attached to nothing.
 *
 * <p>The recent messages are held in memory ({@link RecentMessages}); the index is rebuilt from
 * {@code message_duplicate} and the messages themselves the first time it is needed after a start
 * (about 400 messages a second for their sentence vectors). Comparisons and index updates are
 * serialised, so two copies of one report arriving together still find each other; the
 * sentence vector is computed before, outside the lock.
 */
@Component
@org.springframework.core.annotation.Order(4)
class DuplicateDetector implements org.civicloop.triage.TriageStage {

    static final String ACTOR = "triage";
    private static final Logger log = LoggerFactory.getLogger(DuplicateDetector.class);
    private static final int OPEN_CASES_PAGE = 500;
    private static final int MAX_OPEN_CASES = 5000;
    private static final int CASE_VECTORS_KEPT = 5000;

    private final MessageManagement messages;
    private final CaseManagement cases;
    private final DuplicateResults results;
    private final DuplicateSettings settings;
    private final DuplicateRules rules;
    private final ObjectProvider<MessageLocations> locations;
    private final Clock clock;
    private final String version;

    private final RecentMessages index;
    private boolean indexLoaded;
    private volatile SentenceEmbeddings embeddings;
    private ServiceEstimates services = ServiceEstimates.NONE;
    private final Map<CaseId, float[]> caseVectors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CaseId, float[]> eldest) {
            return size() > CASE_VECTORS_KEPT;
        }
    };

    DuplicateDetector(
            MessageManagement messages,
            CaseManagement cases,
            DuplicateResults results,
            DuplicateSettings settings,
            ObjectProvider<MessageLocations> locations,
            Clock clock) {
        this.messages = messages;
        this.cases = cases;
        this.results = results;
        this.settings = settings;
        this.rules = new DuplicateRules(settings);
        this.locations = locations;
        this.clock = clock;
        this.version = settings.version();
        this.index = new RecentMessages(settings.window(), settings.maxIndexed());
    }

    void check(MessageId id) {
        Message message = messages.find(id).orElse(null);
        if (message == null || message.retracted()) return;
        loadIndex();
        Report report = report(message, embeddings().embed(message.text()));
        Optional<CaseId> alreadyReports = cases.caseReportedBy(id);
        Instant now = clock.instant();
        DuplicateRules.Decision decision;
        UUID group = null;
        synchronized (index) {
            index.expire(now);
            if (alreadyReports.isPresent()) {
                // opened from this very message, or attached by staff or an import before triage ran
                decision = DuplicateRules.Decision.NOTHING;
            } else {
                decision = rules.decide(
                        report, index.all(), index.nearCandidates(report.text()), openCases(), cases::caseReportedBy);
            }
            if (decision.action() == DuplicateAction.GROUPED) {
                group = results.groupOf(decision.matchedMessage())
                        .orElse(decision.matchedMessage().value());
                results.joinGroup(decision.matchedMessage(), group);
            }
            index.add(report);
        }
        DuplicateAction action = decision.action();
        if (action == DuplicateAction.LINKED) action = link(message, decision, now);
        results.store(
                new MessageDuplicate(
                        id,
                        decision.kind(),
                        decision.matchedMessage(),
                        alreadyReports.orElse(decision.caseId()),
                        decision.similarity(),
                        decision.distanceMeters(),
                        action,
                        group,
                        version,
                        now),
                message.postedAt(),
                message.receivedAt());
        if (log.isDebugEnabled())
            log.debug("message {}: {} duplicate, {}", id, decision.kind().code(), action.code());
    }

    /** Attaches the message to the case when it arrived just now; otherwise leaves a suggestion. */
    private DuplicateAction link(Message message, DuplicateRules.Decision decision, Instant now) {
        if (!settings.autoLink() || message.receivedAt().isBefore(now.minus(settings.autoLinkWithin()))) {
            return DuplicateAction.SUGGESTED;
        }
        try {
            cases.attach(decision.caseId(), message.id(), message.channel(), ACTOR);
            return DuplicateAction.LINKED;
        } catch (IllegalStateException e) {
            // staff attached it elsewhere meanwhile: their choice stands
            return DuplicateAction.SUGGESTED;
        }
    }

    private List<OpenCaseView> openCases() {
        var open = new ArrayList<OpenCaseView>();
        var filter = new CaseFilter(null, true, null, null);
        for (int offset = 0; offset < MAX_OPEN_CASES; offset += OPEN_CASES_PAGE) {
            List<Case> page = cases.list(filter, OPEN_CASES_PAGE, offset);
            for (Case c : page) {
                float[] vector = caseVectors.computeIfAbsent(
                        c.id(), k -> embeddings().embed(c.title() + ". " + c.description()));
                open.add(new OpenCaseView(c.id(), c.serviceCode(), c.location(), c.openedAt(), c.updatedAt(), vector));
            }
            if (page.size() < OPEN_CASES_PAGE) break;
        }
        return open;
    }

    /** The recent messages, once after a start: those that arrived within the window, latest kept. */
    private void loadIndex() {
        synchronized (index) {
            if (indexLoaded) return;
            long began = System.nanoTime();
            var ids = results.receivedSince(clock.instant().minus(settings.window()), settings.maxIndexed());
            var found = new ArrayList<Message>();
            for (MessageId id : ids)
                messages.find(id).filter(m -> !m.retracted()).ifPresent(found::add);
            var vectors =
                    embeddings().embedAll(found.stream().map(Message::text).toList());
            for (int i = 0; i < found.size(); i++) index.add(report(found.get(i), vectors.get(i)));
            indexLoaded = true;
            log.info(
                    "Duplicate detection: {} recent messages indexed in {} ms",
                    index.size(),
                    (System.nanoTime() - began) / 1_000_000);
        }
    }

    private Report report(Message message, float[] vector) {
        return new Report(
                message.id(),
                message.postedAt(),
                message.receivedAt(),
                authors(message),
                location(message),
                TextSignature.of(message.text()),
                vector,
                services().likeliest(vector, settings.serviceMargin()));
    }

    private GeoPoint location(Message message) {
        if (message.location() != null) return message.location();
        for (MessageLocations source : locations.orderedStream().toList()) {
            var found = source.locate(message);
            if (found.isPresent()) return found.get();
        }
        return null;
    }

    /**
     * Keys that identify the author across messages: their handle on this channel, their e-mail,
     * their phone number (last ten digits). Hashed: the index holds no personal data in clear.
     */
    private Set<String> authors(Message message) {
        var keys = new HashSet<String>();
        if (message.authorHandle() != null && !message.authorHandle().isBlank())
            keys.add(hash("handle:" + message.channel() + ":"
                    + message.authorHandle().strip().toLowerCase(Locale.ROOT)));
        InboundMessage.Contact contact = messages.contact(message.id()).orElse(null);
        if (contact != null) {
            if (contact.email() != null && !contact.email().isBlank())
                keys.add(hash("email:" + contact.email().strip().toLowerCase(Locale.ROOT)));
            if (contact.phone() != null) {
                String digits = contact.phone().replaceAll("\\D", "");
                if (digits.length() >= 7)
                    keys.add(hash("phone:" + digits.substring(Math.max(0, digits.length() - 10))));
            }
        }
        return keys;
    }

    private ServiceEstimates services() {
        var catalogue = cases.services().stream()
                .map(s -> new ServiceEstimates.Service(
                        s.code(), s.name() + ". " + nullToEmpty(s.description()) + ". " + nullToEmpty(s.keywords())))
                .toList();
        synchronized (this) {
            if (!services.builtFrom(catalogue)) services = ServiceEstimates.of(embeddings(), catalogue);
            return services;
        }
    }

    private SentenceEmbeddings embeddings() {
        if (embeddings == null) embeddings = SentenceEmbeddings.shipped();
        return embeddings;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void received(org.civicloop.shared.MessageId id) {
        if (settings.enabled()) check(id);
    }

    @Override
    public void retracted(org.civicloop.shared.MessageId id) {
        synchronized (index) {
            index.remove(id);
        }
        results.delete(id);
    }

    @Override
    public void edited(org.civicloop.shared.MessageId id) {
        // duplicates are looked for when a message arrives; an edit changes nothing here
    }
}
