package dev.sundown.evaluator.domain;

import java.time.Instant;
import java.util.List;

/**
 * Why an app is, or is not, going to be shut down: the answer to "why is this app still running?".
 *
 * @param reasons human-readable lines, most important first
 * @param stops   what will stop, and when, if nothing changes
 */
public record Assessment(String appKey, Instant at, EffectivePolicy policy, boolean stale, boolean exempt,
                         List<String> reasons, List<PlannedStop> stops, Instant nextDue) {
    public Assessment {
        reasons = List.copyOf(reasons);
        stops = List.copyOf(stops);
    }

    /** Earliest command time among the stops still to come, or null. */
    public Instant nextCommandAt() {
        return stops.stream().filter(s -> !"done".equals(s.next())).map(PlannedStop::commandAt)
                .min(Instant::compareTo).orElse(null);
    }
}
