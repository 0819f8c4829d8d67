package org.civicloop.triage.duplicates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicloop.shared.MessageId;

/**
 * The messages that arrived within the window, held in memory for comparison: each one's text
 * signature, sentence vector and author keys (about 3 KB), plus the MinHash band buckets that
 * find near-identical texts without comparing every pair. Bounded twice: a message leaves when it
 * arrived longer ago than the window, and when more than {@code capacity} are held the earliest
 * arrivals leave first. Rebuilt from the database when the application starts (see
 * {@link DuplicateDetector}); not thread-safe — its owner serialises access.
 */
final class RecentMessages {

    private final Duration window;
    private final int capacity;
    /** In arrival order: the first entries are the first to leave. */
    private final LinkedHashMap<MessageId, Report> reports = new LinkedHashMap<>();

    private final Map<Long, Set<MessageId>> buckets = new HashMap<>();

    RecentMessages(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    void add(Report report) {
        remove(report.id());
        reports.put(report.id(), report);
        for (long key : report.text().bandKeys())
            buckets.computeIfAbsent(key, k -> new HashSet<>()).add(report.id());
        while (reports.size() > capacity) remove(reports.keySet().iterator().next());
    }

    void remove(MessageId id) {
        Report gone = reports.remove(id);
        if (gone == null) return;
        for (long key : gone.text().bandKeys()) {
            var bucket = buckets.get(key);
            if (bucket != null) {
                bucket.remove(id);
                if (bucket.isEmpty()) buckets.remove(key);
            }
        }
    }

    /** Forgets what arrived longer ago than the window. */
    void expire(Instant now) {
        Instant limit = now.minus(window);
        var old = new ArrayList<MessageId>();
        for (Report r : reports.values()) if (r.receivedAt().isBefore(limit)) old.add(r.id());
        old.forEach(this::remove);
    }

    /** The ids of held messages sharing at least one MinHash band with this text. */
    Set<MessageId> nearCandidates(TextSignature text) {
        var result = new HashSet<MessageId>();
        for (long key : text.bandKeys()) {
            var bucket = buckets.get(key);
            if (bucket != null) result.addAll(bucket);
        }
        return result;
    }

    Collection<Report> all() {
        return reports.values();
    }

    boolean contains(MessageId id) {
        return reports.containsKey(id);
    }

    int size() {
        return reports.size();
    }

    List<MessageId> ids() {
        return List.copyOf(reports.keySet());
    }
}
