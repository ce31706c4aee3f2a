package dev.sundown.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Activity of a kernel or terminal over time, evaluated lazily at read time so that nothing has to tick:
 * a last activity before the simulator started, one-off busy windows, an optional periodic busy window
 * (or, with a zero length, periodic typing) and explicit touches.
 */
public final class Activity {

    private static final int KEPT_WINDOWS = 8;

    private final Instant base;
    private final Periodic periodic;
    private final Deque<Window> windows = new ArrayDeque<>();
    private Instant touched;

    public Activity(Instant base, Periodic periodic) {
        this.base = base;
        this.periodic = periodic;
    }

    /** A busy (or typing) window that repeats every {@code period} from {@code first}, lasting {@code length}. */
    public record Periodic(Instant first, Duration period, Duration length) {

        public Periodic {
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("period must be positive");
            }
        }

        Instant latestStart(Instant now) {
            if (now.isBefore(first)) {
                return null;
            }
            long cycles = Duration.between(first, now).toNanos() / period.toNanos();
            return first.plusNanos(cycles * period.toNanos());
        }
    }

    private record Window(Instant from, Instant until) {
    }

    /** Busy from {@code from} for {@code length}; a zero length is a single moment of activity. */
    public synchronized void busy(Instant from, Duration length) {
        windows.addLast(new Window(from, from.plus(length)));
        while (windows.size() > KEPT_WINDOWS) {
            windows.removeFirst();
        }
    }

    public synchronized void touch(Instant at) {
        if (touched == null || at.isAfter(touched)) {
            touched = at;
        }
    }

    public synchronized boolean isBusy(Instant now) {
        for (Window window : windows) {
            if (!now.isBefore(window.from) && now.isBefore(window.until)) {
                return true;
            }
        }
        if (periodic != null && !periodic.length.isZero()) {
            Instant start = periodic.latestStart(now);
            return start != null && now.isBefore(start.plus(periodic.length));
        }
        return false;
    }

    /** Jupyter semantics: a busy period counts as activity when it starts and again when it ends. */
    public synchronized Instant lastActivity(Instant now) {
        Instant latest = base;
        if (touched != null && !touched.isAfter(now)) {
            latest = max(latest, touched);
        }
        for (Window window : windows) {
            if (!window.from.isAfter(now)) {
                latest = max(latest, now.isBefore(window.until) ? window.from : window.until);
            }
        }
        if (periodic != null) {
            Instant start = periodic.latestStart(now);
            if (start != null) {
                Instant end = start.plus(periodic.length);
                latest = max(latest, now.isBefore(end) ? start : end);
            }
        }
        return latest;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
