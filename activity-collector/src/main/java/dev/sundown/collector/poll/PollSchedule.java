package dev.sundown.collector.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When each target is read next. Targets start at a random phase within the interval so a fleet is spread
 * over the whole cycle; after that each keeps a fixed cadence (no drift) with a random delay of up to
 * {@code jitter × interval} added to each slot. At most one poll per target is in flight. A failing target
 * waits {@code interval × multiplier^(failures-1)}, capped at {@code maxBackoff}, before its next attempt.
 * Plain Java: the caller passes the time.
 */
public final class PollSchedule {

    private final Duration interval;
    private final double jitter;
    private final double multiplier;
    private final Duration maxBackoff;
    private final RandomGenerator random;
    private final Map<String, Entry> entries = new HashMap<>();

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
        entries.computeIfAbsent(id, k -> {
            Instant slot = now.plusNanos((long) (random.nextDouble() * interval.toNanos()));
            return new Entry(slot, slot);
        });
    }

    /** Adds a target due right away. */
    public synchronized void addDueNow(String id, Instant now) {
        entries.computeIfAbsent(id, k -> new Entry(now, now));
    }

    public synchronized void remove(String id) {
        entries.remove(id);
    }

    public synchronized Set<String> ids() {
        return Set.copyOf(entries.keySet());
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized int inFlight() {
        return (int) entries.values().stream().filter(e -> e.inFlight).count();
    }

    /** Up to {@code max} due targets, most overdue first, now marked in flight. */
    public synchronized List<String> takeDue(Instant now, int max) {
        if (max <= 0) {
            return List.of();
        }
        List<Map.Entry<String, Entry>> due = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!e.getValue().inFlight && !e.getValue().due.isAfter(now)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing(e -> e.getValue().due));
        List<String> taken = new ArrayList<>(Math.min(max, due.size()));
        for (Map.Entry<String, Entry> e : due) {
            if (taken.size() >= max) {
                break;
            }
            e.getValue().inFlight = true;
            taken.add(e.getKey());
        }
        return taken;
    }

    /** Records the end of a poll and plans the next one. Returns the next due time (null if removed meanwhile). */
    public synchronized Instant completed(String id, boolean success, Instant now) {
        Entry e = entries.get(id);
        if (e == null) {
            return null;
        }
        e.inFlight = false;
        if (success) {
            e.failures = 0;
            Instant slot = e.slot.plus(interval);
            if (slot.isBefore(now)) {
                // The poll overran its slot: start a new cadence from now rather than bursting to catch up.
                slot = now;
            }
            e.slot = slot;
            e.due = slot.plusNanos((long) (random.nextDouble() * jitter * interval.toNanos()));
        } else {
            e.failures++;
            Instant next = now.plus(backoff(e.failures));
            e.slot = next;
            e.due = next.plusNanos((long) (random.nextDouble() * jitter * interval.toNanos()));
        }
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

    private static final class Entry {
        Instant slot;
        Instant due;
        boolean inFlight;
        int failures;

        Entry(Instant slot, Instant due) {
            this.slot = slot;
            this.due = due;
        }
    }
}
