package dev.sundown.evaluator.domain;

import dev.sundown.events.PolicyInForce;
import java.time.Duration;
import java.util.List;

/**
 * The policy resolved for one app from every scope that applies, field by field, plus its tags.
 *
 * @param scopes   the scopes that contributed, least specific first ({@code config} for the built-in defaults,
 *                 {@code tag:<name>} for a tag)
 * @param exemptBy which scope or tag made the app exempt; null when not exempt
 */
public record EffectivePolicy(List<String> scopes, Duration idleLimit, Duration warnBefore, boolean exempt,
                              String exemptBy, boolean terminalsKeepAlive, boolean ignoreConnections,
                              boolean shutdownKernelsIndividually, boolean dryRun) {

    public EffectivePolicy {
        scopes = List.copyOf(scopes);
    }

    public PolicyInForce inForce() {
        return new PolicyInForce(scopes, idleLimit, warnBefore, dryRun, terminalsKeepAlive);
    }
}
