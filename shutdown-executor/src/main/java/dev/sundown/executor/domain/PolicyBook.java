package dev.sundown.executor.domain;

import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ShutdownCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies in force now, as read from the compacted policy topic. The executor asks it one question: does a
 * policy exempt this command's resource today, even though it did not when the evaluator decided?
 */
public final class PolicyBook {

    private final Map<PolicyScope, IdlePolicy> policies = new ConcurrentHashMap<>();

    public void put(IdlePolicy policy) {
        policies.put(policy.scope(), policy);
    }

    /** A tombstone on the policy topic. */
    public void remove(PolicyScope scope) {
        policies.remove(scope);
    }

    public int size() {
        return policies.size();
    }

    /**
     * The scope whose policy exempts the command's resource, resolved from the least to the most specific scope
     * (a more specific {@code exempt=false} lifts a broader exemption), or empty when it is not exempt.
     */
    public Optional<PolicyScope> exemptingScope(ShutdownCommand command) {
        PolicyScope deciding = null;
        boolean exempt = false;
        for (PolicyScope scope : scopesOf(command)) {
            IdlePolicy policy = policies.get(scope);
            if (policy != null && policy.exempt() != null) {
                exempt = policy.exempt();
                deciding = scope;
            }
        }
        return exempt ? Optional.of(deciding) : Optional.empty();
    }

    /** The scopes that apply to a command, least specific first: the shared {@link PolicyScope#chainFor} chain. */
    static List<PolicyScope> scopesOf(ShutdownCommand command) {
        return PolicyScope.chainFor(command.appKey(), command.image());
    }
}
