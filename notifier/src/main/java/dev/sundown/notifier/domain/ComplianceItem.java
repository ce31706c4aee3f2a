package dev.sundown.notifier.domain;

import dev.sundown.events.OwnerKind;
import java.time.Instant;
import java.util.List;

/**
 * One profile, space or target in a compliance notification, with what is wrong with it.
 *
 * @param lastObservedAt last successful observation, null when never
 */
public record ComplianceItem(OwnerKind ownerKind, String owner, List<Problem> problems, List<String> reasons,
                             Instant lastObservedAt) {
    public ComplianceItem {
        problems = List.copyOf(problems);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
