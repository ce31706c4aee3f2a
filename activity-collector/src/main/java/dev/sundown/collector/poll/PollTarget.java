package dev.sundown.collector.poll;

import dev.sundown.collector.publish.OutgoingEvent;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/** Something the poll loop reads on a schedule: a static Jupyter server or a Studio front door. */
public interface PollTarget {

    /** Unique id; also the source of its observations ({@code jupyter/<name>}, {@code studio/<domain>/<owner>}). */
    String source();

    /** Reads the target and returns what to publish; fails with {@link ReadFailure} when it cannot be read. */
    Uni<List<OutgoingEvent>> poll(Instant now);

    /** What to publish when the read failed: an unobserved report for each app the target is known to serve. */
    List<OutgoingEvent> unobserved(String reason, Instant lastObservedAt, Instant attemptedAt);
}
