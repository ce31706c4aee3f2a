package dev.sundown.events;

import java.time.Instant;

/**
 * How one command ended. Echoes the command's id and enough of it that FinOps can sum savings from this topic alone.
 *
 * @param detail   what happened, e.g. {@code kernel ran code at 10:02:11 after the decision}, or the last error
 * @param actedAt  when the executor finished with the command
 * @param attempts calls made to the target (0 when skipped before acting)
 */
public record ShutdownResult(String commandId, AppKey appKey, ResourceRef resource, Outcome outcome,
                             String detail, String reason, PolicyInForce policy, Instant decidedAt,
                             Instant actedAt, int attempts, String instanceType,
                             double estimatedHourlyCost) implements EventData {
    public ShutdownResult {
        Require.text(commandId, "commandId");
        Require.present(appKey, "appKey");
        Require.present(resource, "resource");
        Require.present(outcome, "outcome");
        Require.present(decidedAt, "decidedAt");
        Require.present(actedAt, "actedAt");
    }

    /** The result of a command, carrying over its identity, reason, policy and cost. */
    public static ShutdownResult of(ShutdownCommand command, Outcome outcome, String detail, Instant actedAt,
                                    int attempts) {
        return new ShutdownResult(command.commandId(), command.appKey(), command.resource(), outcome, detail,
                command.reason(), command.policy(), command.decidedAt(), actedAt, attempts,
                command.instanceType(), command.estimatedHourlyCost());
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
