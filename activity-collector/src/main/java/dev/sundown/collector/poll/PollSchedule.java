package dev.sundown.collector.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When each target is read next. Targets start at a random phase within the interval so a fleet is spread
 * over the whole cycle; after that each keeps a fixed cadence (no drift) with a random delay of up to
 * {@code jitter × interval} added to each slot. At most one poll per target is in flight. A failing target
 * waits {@code interval × multiplier^(failures-1)}, capped at {@code maxBackoff}, before its next attempt.
 * <p>
 * Due targets are kept in a queue ordered by due time, so handing out due targets and planning the next poll
 * cost {@code O(log n)} whatever the number of targets. Plain Java: the caller passes the time.
 */
public final class PollSchedule {

    private final Duration interval;
    private final double jitter;
    private final double multiplier;
    private final Duration maxBackoff;
    private final RandomGenerator random;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Waiting (not in flight) entries by due time; an entry whose due time changed leaves a stale item behind. */
    private final PriorityQueue<Queued> queue = new PriorityQueue<>();
    private long sequence;
    private int inFlight;

    public PollSchedule(Duration interval, double jitter, double multiplier, Duration maxBackoff,
                        RandomGenerator random) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        this.interval = interval;
        this.jitter = Math.max(0, Math.min(0.5, jitter));
        this.multiplier = Math.max(1.0, multiplier);
        this.maxBackoff = maxBackoff.compareTo(interval) < 0 ? interval : maxBackoff;
        this.random = random;
    }

    /** Adds a target at a random phase of the interval; an existing target keeps its schedule. */
    public synchronized void add(String id, Instant now) {
        if (!entries.containsKey(id)) {
            Instant slot = now.plusNanos((long) (random.nextDouble() * interval.toNanos()));
            enqueue(id, new Entry(slot, slot));
        }
    }

    /** Adds a target due right away. */
    public synchronized void addDueNow(String id, Instant now) {
        if (!entries.containsKey(id)) {
            enqueue(id, new Entry(now, now));
        }
    }

    public synchronized void remove(String id) {
        Entry e = entries.remove(id);
        if (e != null && e.inFlight) {
            inFlight--;
        }
    }

    public synchronized Set<String> ids() {
        return Set.copyOf(entries.keySet());
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** Up to {@code max} due targets, most overdue first, now marked in flight. */
    public synchronized List<String> takeDue(Instant now, int max) {
        List<String> taken = new ArrayList<>();
        while (taken.size() < max && !queue.isEmpty()) {
            Queued head = queue.peek();
            if (!current(head)) {
                queue.poll();
                continue;
            }
            if (head.due.isAfter(now)) {
                break;
            }
            queue.poll();
            head.entry.inFlight = true;
            inFlight++;
            taken.add(head.id);
        }
        return taken;
    }

    /** When the next waiting target is due (possibly in the past); null when none waits. */
    public synchronized Instant nextDue() {
        while (!queue.isEmpty()) {
            Queued head = queue.peek();
            if (current(head)) {
                return head.due;
            }
            queue.poll();
        }
        return null;
    }

    /** Records the end of a poll and plans the next one. Returns the next due time (null if removed meanwhile). */
    public synchronized Instant completed(String id, boolean success, Instant now) {
        Entry e = entries.get(id);
        if (e == null) {
            return null;
        }
        if (e.inFlight) {
            e.inFlight = false;
            inFlight--;
        }
        if (success) {
            e.failures = 0;
            Instant slot = e.slot.plus(interval);
            if (slot.isBefore(now)) {
                // The poll overran its slot: start a new cadence from now rather than bursting to catch up.
                slot = now;
            }
            e.slot = slot;
        } else {
            e.failures++;
            e.slot = now.plus(backoff(e.failures));
        }
        e.due = e.slot.plusNanos((long) (random.nextDouble() * jitter * interval.toNanos()));
        enqueue(id, e);
        return e.due;
    }

    /** Delay before the next attempt after {@code failures} consecutive failures. */
    public Duration backoff(int failures) {
        double factor = Math.pow(multiplier, Math.max(0, failures - 1));
        double nanos = Math.min(interval.toNanos() * factor, (double) maxBackoff.toNanos());
        return Duration.ofNanos((long) nanos);
    }

    /** When the target was (or is) due; null when unknown. */
    public synchronized Instant due(String id) {
        Entry e = entries.get(id);
        return e == null ? null : e.due;
    }

    public synchronized int failures(String id) {
        Entry e = entries.get(id);
        return e == null ? 0 : e.failures;
    }

    private void enqueue(String id, Entry e) {
        entries.put(id, e);
        e.version++;
        queue.add(new Queued(e.due, sequence++, id, e, e.version));
    }

    /** A queue item still stands for its entry: the target is registered, waiting, and not rescheduled since. */
    private boolean current(Queued q) {
        return entries.get(q.id) == q.entry && !q.entry.inFlight && q.entry.version == q.version;
    }

    private static final class Entry {
        Instant slot;
        Instant due;
        boolean inFlight;
        int failures;
        long version;

        Entry(Instant slot, Instant due) {
            this.slot = slot;
            this.due = due;
        }
    }

    private record Queued(Instant due, long sequence, String id, Entry entry, long version)
            implements Comparable<Queued> {
        @Override
        public int compareTo(Queued o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
