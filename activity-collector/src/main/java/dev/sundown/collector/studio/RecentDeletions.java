package dev.sundown.collector.studio;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deletions this collector announced lately, so that news older than a deletion cannot bring the app back. A
 * Studio front-door read that began before an app's deletion was announced may finish after it; its observations of
 * the app (and a failed read's unobserved report for it) would make the evaluator start the app anew, and one
 * staleness window later report it as a coverage loss. Such events are left out. A key leaves the list when a
 * control-plane read shows it live again (created anew) or after {@code keep}.
 */
public final class RecentDeletions {

    private final Map<String, Instant> announced = new ConcurrentHashMap<>();
    private final Duration keep;

    public RecentDeletions(Duration keep) {
        this.keep = keep;
    }

    /** Records the deletions whose {@code Deleted} events were published at {@code at}. */
    public void announced(Collection<OutgoingEvent> deletedEvents, Instant at) {
        announced.values().removeIf(t -> t.plus(keep).isBefore(at));
        deletedEvents.forEach(e -> announced.put(e.key(), at));
    }

    /** Forgets the deletions of keys a control-plane read lists live again. */
    public void live(Collection<AppKey> liveKeys) {
        liveKeys.forEach(k -> announced.remove(k.toString()));
    }

    /** The observations of a read that began at {@code readStartedAt}, without those of apps deleted since. */
    public List<OutgoingEvent> observations(List<OutgoingEvent> events, Instant readStartedAt) {
        return events.stream().filter(e -> {
            Instant deletedAt = announced.get(e.key());
            return deletedAt == null || deletedAt.isBefore(readStartedAt);
        }).toList();
    }

    /** Unobserved reports, without those of apps announced deleted: they are gone, not unobserved. */
    public List<OutgoingEvent> reports(List<OutgoingEvent> events) {
        return events.stream().filter(e -> !announced.containsKey(e.key())).toList();
    }
}
