package dev.sundown.events;

import java.time.Duration;
import java.util.List;

/**
 * The effective policy a decision was made under, with the scopes it was resolved from (most specific last),
 * so an auditor sees why a limit applied.
 */
public record PolicyInForce(List<String> scopes, Duration idleLimit, Duration warnBefore, boolean dryRun) {
    public PolicyInForce {
        scopes = Require.listOrEmpty(scopes);
        Require.present(idleLimit, "policy.idleLimit");
        Require.present(warnBefore, "policy.warnBefore");
    }
}
