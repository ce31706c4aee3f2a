package dev.sundown.executor.domain;

import dev.sundown.events.AppKey;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ShutdownCommand;
import java.util.ArrayList;
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

    /** The scopes that apply to a command, in {@link PolicyScope.Level} order. */
    static List<PolicyScope> scopesOf(ShutdownCommand command) {
        AppKey key = command.appKey();
        List<PolicyScope> scopes = new ArrayList<>();
        scopes.add(PolicyScope.GLOBAL);
        if (key.isJupyterTarget()) {
            scopes.add(PolicyScope.jupyter(key.appName()));
        } else {
            scopes.add(PolicyScope.domain(key.domainId()));
            scopes.add(PolicyScope.owner(key.domainId(), key.owner()));
            scopes.add(PolicyScope.appType(key.appType()));
        }
        String image = command.image();
        if (image != null && !image.isBlank()) {
            addImageScopes(image, scopes);
        }
        return scopes;
    }

    private static void addImageScopes(String image, List<PolicyScope> scopes) {
        // An image scope names the image or the suffix of its ARN (after the last '/'), e.g. image/datascience-1.0.
        int slash = image.lastIndexOf('/');
        String suffix = slash >= 0 ? image.substring(slash + 1) : image;
        for (String candidate : slash >= 0 ? List.of(image, suffix) : List.of(image)) {
            try {
                scopes.add(PolicyScope.image(candidate));
            } catch (IllegalArgumentException notAScopeValue) {
                // An image name that no policy scope could name cannot be exempted by one.
            }
        }
    }
}
