package dev.sundown.evaluator.query;

import dev.sundown.evaluator.domain.Child;
import dev.sundown.evaluator.domain.PlannedStop;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shapes of the query API's JSON. */
public final class Views {

    private Views() {
    }

    /** A tracked app with its children. */
    public record AppView(String appKey, OwnerKind ownerKind, String status, String instanceType, String image,
                          Map<String, String> tags, List<Child> kernels, List<Child> terminals,
                          Map<String, Instant> sources, boolean coverageLost, Instant nextEvaluation) {
    }

    /** An app with something that will stop if nothing changes. */
    public record IdleView(String appKey, String owner, String instanceType, boolean dryRun, List<PlannedStop> stops) {
    }

    /** One upcoming shutdown. */
    public record UpcomingView(String appKey, ResourceRef resource, Instant commandAt, Instant deadline,
                               Instant idleSince, String next, Instant nextAt, String reason, double hourlyCost,
                               boolean dryRun) {
    }

    /** A 4xx/5xx body. */
    public record Problem(String field, String message) {
    }
}
