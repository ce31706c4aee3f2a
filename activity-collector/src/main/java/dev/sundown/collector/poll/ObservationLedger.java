package dev.sundown.collector.poll;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest outcome per source: when it was last observed, and why the latest attempt failed. */
@ApplicationScoped
public class ObservationLedger {

    /** The state of one source. */
    public record Entry(Instant lastObservedAt, Instant lastAttemptAt, ReadFailure.Kind lastFailure,
                        String lastReason) {
        public boolean failing() {
            return lastFailure != null;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void observed(String source, Instant at) {
        entries.put(source, new Entry(at, at, null, null));
    }

    public void failed(String source, ReadFailure failure, Instant at) {
        entries.compute(source, (k, old) -> new Entry(old == null ? null : old.lastObservedAt(), at, failure.kind(),
                failure.reason()));
    }

    public Optional<Entry> get(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    public Instant lastObservedAt(String source) {
        Entry e = entries.get(source);
        return e == null ? null : e.lastObservedAt();
    }
}
