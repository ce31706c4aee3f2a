package dev.sundown.evaluator.domain;

import dev.sundown.events.AppKey;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the policy of one app: the configured defaults, then every scope from global to image, field by
 * field (a null field inherits), then the app's tags.
 */
public final class PolicyResolver {

    public static final String TAG_EXEMPT = "sundown:exempt";
    public static final String TAG_IDLE_LIMIT_MINUTES = "sundown:idle-limit-minutes";
    public static final String DEFAULTS_SCOPE = "config";

    private final EffectivePolicy defaults;

    /** @param defaults the configured global default, every field set */
    public PolicyResolver(EffectivePolicy defaults) {
        this.defaults = defaults;
    }

    public EffectivePolicy defaults() {
        return defaults;
    }

    /**
     * @param lookup the stored policy of a scope, or null when none is stored
     */
    public EffectivePolicy resolve(AppKey key, String image, Map<String, String> tags,
                                   Function<PolicyScope, IdlePolicy> lookup) {
        List<String> used = new ArrayList<>(List.of(DEFAULTS_SCOPE));
        Duration idleLimit = defaults.idleLimit();
        Duration warnBefore = defaults.warnBefore();
        boolean exempt = defaults.exempt();
        String exemptBy = defaults.exempt() ? DEFAULTS_SCOPE : null;
        boolean terminalsKeepAlive = defaults.terminalsKeepAlive();
        boolean ignoreConnections = defaults.ignoreConnections();
        boolean individually = defaults.shutdownKernelsIndividually();
        boolean dryRun = defaults.dryRun();
        for (PolicyScope scope : PolicyScope.chainFor(key, image)) {
            IdlePolicy p = lookup.apply(scope);
            if (p == null) {
                continue;
            }
            used.add(scope.toString());
            if (p.idleLimit() != null) {
                idleLimit = p.idleLimit();
            }
            if (p.warnBefore() != null) {
                warnBefore = p.warnBefore();
            }
            if (p.exempt() != null) {
                exempt = p.exempt();
                exemptBy = exempt ? "policy " + scope : null;
            }
            if (p.terminalsKeepAlive() != null) {
                terminalsKeepAlive = p.terminalsKeepAlive();
            }
            if (p.ignoreConnections() != null) {
                ignoreConnections = p.ignoreConnections();
            }
            if (p.shutdownKernelsIndividually() != null) {
                individually = p.shutdownKernelsIndividually();
            }
            if (p.dryRun() != null) {
                dryRun = p.dryRun();
            }
        }
        Map<String, String> t = tags == null ? Map.of() : tags;
        String limitTag = t.get(TAG_IDLE_LIMIT_MINUTES);
        if (limitTag != null) {
            try {
                long minutes = Long.parseLong(limitTag.trim());
                if (minutes > 0) {
                    idleLimit = Duration.ofMinutes(minutes);
                    used.add("tag:" + TAG_IDLE_LIMIT_MINUTES);
                }
            } catch (NumberFormatException ignored) {
                // an unreadable limit tag is ignored: the scopes' limit stays in force
            }
        }
        String exemptTag = t.get(TAG_EXEMPT);
        if (exemptTag != null && "true".equals(exemptTag.trim().toLowerCase(Locale.ROOT))) {
            exempt = true;
            exemptBy = "tag " + TAG_EXEMPT;
            used.add("tag:" + TAG_EXEMPT);
        }
        if (warnBefore.compareTo(idleLimit) >= 0) {
            // layers can combine into a warning longer than the limit: warn half-way instead
            warnBefore = idleLimit.dividedBy(2);
        }
        return new EffectivePolicy(used, idleLimit, warnBefore, exempt, exemptBy, terminalsKeepAlive,
                ignoreConnections, individually, dryRun);
    }
}
