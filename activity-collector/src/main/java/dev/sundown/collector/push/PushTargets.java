package dev.sundown.collector.push;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.config.Secrets;
import dev.sundown.events.AppKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The configured push targets and their tokens. */
@ApplicationScoped
public class PushTargets {

    /** The outcome of checking a request's credentials. */
    public enum Verdict { ACCEPTED, MISSING_CREDENTIALS, REJECTED }

    private final Map<String, byte[]> tokens = new HashMap<>();
    private final Map<String, String> studioOwners = new HashMap<>();
    private final boolean enabled;

    public PushTargets(CollectorConfig config) {
        this.enabled = config.push().enabled();
        config.push().targets().forEach((name, target) -> {
            AppKey.jupyter(name);
            String setting = "sundown.collector.push.targets." + name + ".token";
            String token = Secrets.read(setting, target.token(), target.tokenFile())
                    .orElseThrow(() -> new IllegalStateException(setting + " (or .token-file) is required"));
            tokens.put(name, token.getBytes(StandardCharsets.UTF_8));
            target.studioOwner().ifPresent(owner -> studioOwners.put(name, owner));
        });
    }

    public java.util.Set<String> names() {
        return java.util.Set.copyOf(tokens.keySet());
    }

    public boolean enabled() {
        return enabled;
    }

    /** Checks {@code Authorization: Bearer <token>} or {@code token <token>} for a target, in constant time. */
    public Verdict check(String target, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.MISSING_CREDENTIALS;
        }
        String a = authorization.trim();
        int space = a.indexOf(' ');
        if (space < 0) {
            return Verdict.MISSING_CREDENTIALS;
        }
        String scheme = a.substring(0, space);
        if (!scheme.equalsIgnoreCase("bearer") && !scheme.equalsIgnoreCase("token")) {
            return Verdict.MISSING_CREDENTIALS;
        }
        byte[] given = a.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = tokens.get(target);
        if (expected == null) {
            // Compare anyway so an unknown target takes as long as a wrong token.
            MessageDigest.isEqual(given, given);
            return Verdict.REJECTED;
        }
        return MessageDigest.isEqual(given, expected) ? Verdict.ACCEPTED : Verdict.REJECTED;
    }

    /** The Studio {@code <domainId>/<owner>} a push target stands for, if configured. */
    public Optional<String> studioOwner(String target) {
        return Optional.ofNullable(studioOwners.get(target));
    }

    /** Push targets by the Studio owner they cover. */
    public Map<String, String> targetsByStudioOwner() {
        Map<String, String> out = new HashMap<>();
        studioOwners.forEach((target, owner) -> out.put(owner, target));
        return out;
    }
}
