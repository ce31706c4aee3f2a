package dev.sundown.events;

import java.time.Instant;

/**
 * An order to stop one resource whose idle window expired.
 *
 * @param commandId           deterministic: a hash of the resource and its idle period, so a replay has the same id
 * @param ownerKind           whether the app belongs to a user profile, a space or a static Jupyter target, so the
 *                            executor knows how to reach it
 * @param reason              human-readable, e.g. {@code all 2 kernels idle and 1 terminal quiet for 120 min}
 * @param idleSince           start of the idle period the decision is about
 * @param deadline            idleSince + limit
 * @param lastActivity        newest activity the evaluator had seen; the executor skips if it finds newer
 * @param observedAt          time of the newest observation the decision relied on
 * @param decidedAt           when the evaluator decided
 * @param estimatedHourlyCost USD per hour that stopping this saves (0 when only a kernel or terminal stops)
 */
public record ShutdownCommand(String commandId, AppKey appKey, OwnerKind ownerKind, ResourceRef resource,
                              String reason,
                              PolicyInForce policy, Instant idleSince, Instant deadline, Instant lastActivity,
                              Instant observedAt, Instant decidedAt, String instanceType, String image,
                              double estimatedHourlyCost) implements EventData {
    public ShutdownCommand {
        Require.text(commandId, "commandId");
        Require.present(appKey, "appKey");
        Require.present(ownerKind, "ownerKind");
        Require.present(resource, "resource");
        Require.text(reason, "reason");
        Require.present(policy, "policy");
        Require.present(idleSince, "idleSince");
        Require.present(deadline, "deadline");
        Require.present(lastActivity, "lastActivity");
        Require.present(observedAt, "observedAt");
        Require.present(decidedAt, "decidedAt");
        if (estimatedHourlyCost < 0) {
            throw new IllegalArgumentException("estimatedHourlyCost must not be negative");
        }
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
