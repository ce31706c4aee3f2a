package dev.sundown.executor.domain;

import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, from a fresh read, whether a command may still act. Anything the evaluator did not see when it decided
 * (newer activity, a busy kernel, an app that is starting again) stops the command: shutting down something that
 * came back to life is the one mistake the executor must never make.
 */
public final class Revalidation {

    private static final Set<String> GONE_STATUSES = Set.of("deleted", "deleting");
    /**
     * Kernel states that do not keep an app alive by themselves ({@code starting} counts through its activity: a
     * kernel started since the decision is newer than it). Busy, restarting or any other state keeps the app.
     */
    private static final Set<String> QUIET_KERNEL_STATES = Set.of("idle", "starting", "dead");

    private Revalidation() {
    }

    /**
     * @param now when the executor is about to act
     */
    public static Verdict decide(ShutdownCommand command, Observation seen, Instant now) {
        if (seen instanceof Observation.Gone gone) {
            return Verdict.conclude(Outcome.ALREADY_GONE, gone.detail());
        }
        if (seen instanceof Observation.ExemptByTag tag) {
            return Verdict.conclude(Outcome.SKIPPED_EXEMPT, "exempt by tag sundown:exempt=true on " + tag.where());
        }
        if (seen instanceof Observation.Kernel kernel) {
            return kernel(command, kernel, now);
        }
        if (seen instanceof Observation.Terminal terminal) {
            return activity(command, "terminal", terminal.lastActivity(), now);
        }
        return app(command, (Observation.App) seen, now);
    }

    private static Verdict kernel(ShutdownCommand command, Observation.Kernel kernel, Instant now) {
        if ("busy".equalsIgnoreCase(kernel.executionState())) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "kernel is busy");
        }
        return activity(command, "kernel", kernel.lastActivity(), now);
    }

    private static Verdict activity(ShutdownCommand command, String what, Instant lastActivity, Instant now) {
        if (lastActivity == null) {
            // Unknown activity is never idleness.
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, what + " reports no last activity");
        }
        if (lastActivity.isAfter(command.lastActivity())) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, what + " was active at " + lastActivity
                    + ", after the decision's last activity " + command.lastActivity());
        }
        Duration quiet = Duration.between(lastActivity, now);
        if (quiet.compareTo(command.policy().idleLimit()) < 0) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, what + " was active at " + lastActivity
                    + ", within its idle limit of " + command.policy().idleLimit());
        }
        return Verdict.proceed();
    }

    private static Verdict app(ShutdownCommand command, Observation.App app, Instant now) {
        String status = app.status() == null ? "unknown" : app.status();
        if (GONE_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            return Verdict.conclude(Outcome.ALREADY_GONE, "app is " + status);
        }
        if (!"InService".equalsIgnoreCase(status)) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "app is " + status + ", not InService");
        }
        Duration limit = command.policy().idleLimit();
        if (Duration.between(command.lastActivity(), now).compareTo(limit) < 0) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "the decision's last activity "
                    + command.lastActivity() + " is within the idle limit of " + limit);
        }
        if (app.children() instanceof Observation.Children.Read read) {
            boolean terminalsCount = command.policy().keepsTerminalsAlive();
            for (Observation.Child child : read.children()) {
                if (!child.isKernel() && !terminalsCount) {
                    // The policy says terminals do not keep an app alive (terminalsKeepAlive=false).
                    continue;
                }
                Verdict verdict = child(command, child, now);
                if (verdict instanceof Verdict.Conclude) {
                    return verdict;
                }
            }
            return Verdict.proceed();
        }
        if (app.children() instanceof Observation.Children.ServerStopped stopped) {
            if ("Pending".equalsIgnoreCase(stopped.serverStatus())) {
                return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "the JupyterServer app is starting");
            }
            return sageMakerActivity(command, app, "the JupyterServer app is " + stopped.serverStatus());
        }
        if (app.children() instanceof Observation.Children.NoJupyter) {
            return sageMakerActivity(command, app, "the app runs no Jupyter server");
        }
        // Kernels and terminals that were not read are never assumed quiet.
        return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "the app's kernels and terminals were not read");
    }

    /**
     * A kernel or terminal running on the app: busy or restarting, or active after the decision or within the idle
     * limit, keeps the app. A child the decision did not know (started since) shows its start as its activity.
     * Terminals count only when the command's policy keeps terminals alive ({@code terminalsKeepAlive}, default true).
     */
    private static Verdict child(ShutdownCommand command, Observation.Child child, Instant now) {
        String name = child.kind() + " " + child.id();
        if (child.isKernel()) {
            String state = child.executionState() == null ? "unknown"
                    : child.executionState().toLowerCase(Locale.ROOT);
            if (!QUIET_KERNEL_STATES.contains(state)) {
                return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, name + " on the app is " + state
                        + " (last activity " + child.lastActivity() + ")");
            }
        }
        return activity(command, name + " on the app", child.lastActivity(), now);
    }

    /**
     * Only SageMaker's {@code LastUserActivityTimestamp} is left. It is bumped by health checks, so it is never a
     * reason to act; it is a reason not to when it is newer than the decision's last activity, or missing.
     */
    private static Verdict sageMakerActivity(ShutdownCommand command, Observation.App app, String why) {
        Instant last = app.lastUserActivity();
        if (last == null) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, why + " and SageMaker reports no last user "
                    + "activity for the app");
        }
        if (last.isAfter(command.lastActivity())) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, why + "; SageMaker reports user activity at "
                    + last + ", after the decision's last activity " + command.lastActivity());
        }
        return Verdict.proceed();
    }
}
