package dev.sundown.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One layer of idle policy, the value of the compacted policy topic under its scope's key. A null field
 * inherits from the less specific scopes; the global scope is seeded from configuration with every field set.
 *
 * @param idleLimit                   how long a resource may stay idle
 * @param warnBefore                  how long before the deadline the owner is warned
 * @param exempt                      never shut down anything in scope
 * @param terminalsKeepAlive          an active terminal keeps its app alive
 * @param ignoreConnections           a connected but idle kernel is still idle
 * @param shutdownKernelsIndividually stop single idle kernels inside an app that is still in use
 * @param dryRun                      decide and report, but do not act
 */
public record IdlePolicy(PolicyScope scope, Duration idleLimit, Duration warnBefore, Boolean exempt,
                         Boolean terminalsKeepAlive, Boolean ignoreConnections,
                         Boolean shutdownKernelsIndividually, Boolean dryRun, String updatedBy,
                         Instant updatedAt) implements EventData {
    public IdlePolicy {
        Require.present(scope, "scope");
        if (idleLimit != null && (idleLimit.isNegative() || idleLimit.isZero())) {
            throw new IllegalArgumentException("idleLimit must be positive");
        }
        if (warnBefore != null && warnBefore.isNegative()) {
            throw new IllegalArgumentException("warnBefore must not be negative");
        }
        if (idleLimit != null && warnBefore != null && warnBefore.compareTo(idleLimit) >= 0) {
            throw new IllegalArgumentException("warnBefore must be shorter than idleLimit");
        }
        Require.present(updatedAt, "updatedAt");
    }

    @Override
    public String subject() {
        return scope.toString();
    }
}
