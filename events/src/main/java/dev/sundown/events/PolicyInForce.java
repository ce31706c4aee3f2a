package dev.sundown.events;

import java.time.Duration;
import java.util.List;

/**
 * The effective policy a decision was made under, with the scopes it was resolved from (most specific last),
 * so an auditor sees why a limit applied.
 *
 * @param terminalsKeepAlive whether an active terminal keeps the app alive under this policy; null (records written
 *                           before the field existed) means true, the default
 */
public record PolicyInForce(List<String> scopes, Duration idleLimit, Duration warnBefore, boolean dryRun,
                            Boolean terminalsKeepAlive) {
    public PolicyInForce {
        scopes = Require.listOrEmpty(scopes);
        Require.present(idleLimit, "policy.idleLimit");
        Require.present(warnBefore, "policy.warnBefore");
    }

    /** A policy under which active terminals keep their app alive (the default). */
    public PolicyInForce(List<String> scopes, Duration idleLimit, Duration warnBefore, boolean dryRun) {
        this(scopes, idleLimit, warnBefore, dryRun, null);
    }

    /** Whether an active terminal keeps its app alive; true unless the policy said otherwise. */
    public boolean keepsTerminalsAlive() {
        return terminalsKeepAlive == null || terminalsKeepAlive;
    }
}
