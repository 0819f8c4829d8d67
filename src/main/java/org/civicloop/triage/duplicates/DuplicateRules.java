package org.civicloop.triage.duplicates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.DuplicateAction;
import org.civicloop.triage.DuplicateKind;
import org.civicloop.triage.text.SentenceEmbeddings;

/**
 * Decides whether a message reports something already known, in this order:
 * <ol>
 *   <li><b>repeat</b>: an earlier message of the same resident (same handle on the same channel,
 *       same e-mail or phone) within the window and the distance, with the same words or a cosine
 *       ≥ {@code repeatSimilarity}: flagged, nothing else (they already report it);
 *   <li><b>open case</b>: of a service the message could be about (or a message whose service is
 *       unknown), within the distance of the case's place (or of a reporter's), opened, updated
 *       or reported within the window, with the same or nearly the same words as a reporter, or
 *       a cosine ≥ {@code linkSimilarity} with the case's text or a reporter's → <b>linked</b>
 *       when both places are known and the message's service is known to be the case's (the
 *       confident case), otherwise <b>suggested</b>; a cosine ≥ {@code suggestSimilarity} →
 *       suggested;
 *   <li><b>group</b>: a recent message of the same service, within the distance, with the same
 *       or nearly the same words or a cosine ≥ {@code groupSimilarity} → grouped with it;
 *   <li>otherwise nothing.
 * </ol>
 * Reports farther apart than the distance (when both places are known) or the window never match.
 * Plain Java, no Spring: the same rules run in the application, the tests and the evaluations.
 */
public final class DuplicateRules {

    /** What the rules found. {@code action} LINKED means "confident enough to link". */
    public record Decision(
            DuplicateKind kind,
            MessageId matchedMessage,
            CaseId caseId,
            double similarity,
            Double distanceMeters,
            DuplicateAction action) {

        static final Decision NOTHING = new Decision(DuplicateKind.NONE, null, null, 0, null, DuplicateAction.NONE);
    }

    /** One earlier message compared with the new one. */
    record Match(
            Report other,
            boolean exact,
            double jaccard,
            double cosine,
            Double distance,
            boolean sameService,
            boolean sameAuthor) {}

    private final DuplicateSettings settings;

    public DuplicateRules(DuplicateSettings settings) {
        this.settings = settings;
    }

    public DuplicateSettings settings() {
        return settings;
    }

    /**
     * @param message the new message
     * @param recent earlier messages (the index's contents; others than the window are skipped)
     * @param nearCandidates the ids of those sharing a MinHash band with the message (only these
     *     are compared word by word)
     * @param openCases the city's open cases
     * @param caseOf which case a message reports, if any
     */
    public Decision decide(
            Report message,
            Collection<Report> recent,
            Set<MessageId> nearCandidates,
            List<OpenCaseView> openCases,
            Function<MessageId, Optional<CaseId>> caseOf) {
        var matches = compare(message, recent, nearCandidates);

        var repeat = matches.stream()
                .filter(Match::sameAuthor)
                .filter(m -> m.exact() || near(m) || m.cosine() >= settings.repeatSimilarity())
                .max(STRENGTH);
        if (repeat.isPresent()) {
            var m = repeat.get();
            return new Decision(
                    DuplicateKind.REPEAT,
                    m.other().id(),
                    caseOf.apply(m.other().id()).orElse(null),
                    similarity(m),
                    m.distance(),
                    DuplicateAction.NONE);
        }

        var caseDecision = bestCase(message, matches, openCases, caseOf);
        if (caseDecision.isPresent()) return caseDecision.get();

        return matches.stream()
                .filter(Match::sameService)
                .filter(m -> m.exact() || near(m) || m.cosine() >= settings.groupSimilarity())
                .max(STRENGTH)
                .map(m -> new Decision(
                        kind(m), m.other().id(), null, similarity(m), m.distance(), DuplicateAction.GROUPED))
                .orElse(Decision.NOTHING);
    }

    List<Match> compare(Report message, Collection<Report> recent, Set<MessageId> nearCandidates) {
        var matches = new ArrayList<Match>();
        for (Report other : recent) {
            if (other.id().equals(message.id())) continue;
            if (!withinWindow(message.postedAt(), other.postedAt(), other.postedAt())) continue;
            Double distance = Places.meters(message.location(), other.location());
            if (distance != null && distance > settings.distanceMeters()) continue;
            boolean exact = !message.text().isEmpty()
                    && message.text().exactHash() == other.text().exactHash()
                    && message.text().normalised().equals(other.text().normalised());
            double jaccard = exact
                    ? 1
                    : nearCandidates.contains(other.id()) ? message.text().estimatedJaccard(other.text()) : 0;
            double cosine = SentenceEmbeddings.cosine(message.vector(), other.vector());
            matches.add(new Match(
                    other,
                    exact,
                    jaccard,
                    cosine,
                    distance,
                    sameService(message.services(), other.services()),
                    message.sameAuthorAs(other)));
        }
        return matches;
    }

    private Optional<Decision> bestCase(
            Report message,
            List<Match> matches,
            List<OpenCaseView> openCases,
            Function<MessageId, Optional<CaseId>> caseOf) {
        // earlier messages alike enough to count, grouped by the case they report
        Map<CaseId, List<Match>> reporters = new HashMap<>();
        for (Match m : matches) {
            if (!(m.exact() || near(m) || m.cosine() >= settings.suggestSimilarity())) continue;
            caseOf.apply(m.other().id())
                    .ifPresent(c ->
                            reporters.computeIfAbsent(c, k -> new ArrayList<>()).add(m));
        }
        Decision best = null;
        double bestRank = -1;
        for (OpenCaseView c : openCases) {
            boolean serviceKnown = message.services().contains(c.serviceCode());
            if (!message.services().isEmpty() && !serviceKnown) continue;
            Double distance = Places.meters(message.location(), c.location());
            if (distance != null && distance > settings.distanceMeters()) continue;
            boolean inTime = withinWindow(message.postedAt(), c.openedAt(), c.updatedAt());
            DuplicateKind kind = DuplicateKind.SEMANTIC;
            MessageId matched = null;
            double similarity = c.vector() == null ? 0 : SentenceEmbeddings.cosine(message.vector(), c.vector());
            boolean sameWords = false;
            for (Match m : reporters.getOrDefault(c.id(), List.of())) {
                inTime = true; // the reporter is within the window
                if (distance == null) distance = m.distance();
                if ((m.exact() || near(m)) && !sameWords) {
                    sameWords = true;
                    kind = kind(m);
                    matched = m.other().id();
                    similarity = similarity(m);
                } else if (!sameWords && m.cosine() > similarity) {
                    matched = m.other().id();
                    similarity = m.cosine();
                }
            }
            if (!inTime) continue;
            boolean strong = sameWords || similarity >= settings.linkSimilarity();
            if (!strong && similarity < settings.suggestSimilarity()) continue;
            boolean confident = strong && distance != null && serviceKnown;
            double rank = (confident ? 10 : 0) + (sameWords ? 2 : 0) + similarity;
            if (rank > bestRank) {
                bestRank = rank;
                best = new Decision(
                        kind,
                        matched,
                        c.id(),
                        similarity,
                        distance,
                        confident ? DuplicateAction.LINKED : DuplicateAction.SUGGESTED);
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean sameService(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) return true;
        for (String s : a) if (b.contains(s)) return true;
        return false;
    }

    /** Whether a moment lies within the window of a span (from, to). */
    private boolean withinWindow(Instant at, Instant from, Instant to) {
        Duration window = settings.window();
        return !at.isBefore(from.minus(window)) && !at.isAfter(to.plus(window));
    }

    private boolean near(Match m) {
        return m.jaccard() >= settings.nearSimilarity();
    }

    private DuplicateKind kind(Match m) {
        return m.exact() ? DuplicateKind.EXACT : near(m) ? DuplicateKind.NEAR : DuplicateKind.SEMANTIC;
    }

    private double similarity(Match m) {
        return m.exact() ? 1 : near(m) ? m.jaccard() : m.cosine();
    }

    private final Comparator<Match> STRENGTH =
            Comparator.comparingDouble(m -> m.exact() ? 3 : near(m) ? 2 + m.jaccard() : m.cosine());
}
