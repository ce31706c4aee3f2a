package dev.sundown.executor;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyInForce;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Shutdown commands as the idle evaluator writes them. */
public final class Commands {

    public static final Duration IDLE_LIMIT = Duration.ofSeconds(2);

    private Commands() {
    }

    public static ShutdownCommand command(AppKey key, OwnerKind ownerKind, ResourceKind kind, String id,
                                          Instant lastActivity, boolean dryRun) {
        return command(key, ownerKind, kind, id, lastActivity, dryRun, IDLE_LIMIT);
    }

    public static ShutdownCommand command(AppKey key, OwnerKind ownerKind, ResourceKind kind, String id,
                                          Instant lastActivity, boolean dryRun, Duration idleLimit) {
        Instant deadline = lastActivity.plus(idleLimit);
        return new ShutdownCommand(commandId(key, kind, id, lastActivity), key, ownerKind, new ResourceRef(kind, id),
                "idle for " + idleLimit.toMillis() + " ms",
                new PolicyInForce(List.of("global"), idleLimit, Duration.ZERO, dryRun),
                lastActivity, deadline, lastActivity, deadline, deadline, "ml.t3.medium", null, 0.05);
    }

    public static ShutdownCommand staticKernel(String target, String kernelId, Instant lastActivity) {
        return command(AppKey.jupyter(target), OwnerKind.JUPYTER_TARGET, ResourceKind.KERNEL, kernelId,
                lastActivity, false);
    }

    public static ShutdownCommand withImage(ShutdownCommand c, String image) {
        return new ShutdownCommand(c.commandId(), c.appKey(), c.ownerKind(), c.resource(), c.reason(), c.policy(),
                c.idleSince(), c.deadline(), c.lastActivity(), c.observedAt(), c.decidedAt(), c.instanceType(), image,
                c.estimatedHourlyCost());
    }

    /** The same command under a policy that sets {@code terminalsKeepAlive} (null: not set, which means true). */
    public static ShutdownCommand withTerminalsKeepAlive(ShutdownCommand c, Boolean terminalsKeepAlive) {
        PolicyInForce p = c.policy();
        return new ShutdownCommand(c.commandId(), c.appKey(), c.ownerKind(), c.resource(), c.reason(),
                new PolicyInForce(p.scopes(), p.idleLimit(), p.warnBefore(), p.dryRun(), terminalsKeepAlive),
                c.idleSince(), c.deadline(), c.lastActivity(), c.observedAt(), c.decidedAt(), c.instanceType(),
                c.image(), c.estimatedHourlyCost());
    }

    public static String commandId(AppKey key, ResourceKind kind, String id, Instant idleSince) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((key + "|" + new ResourceRef(kind, id) + "|"
                    + idleSince).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
