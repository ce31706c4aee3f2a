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
        return app((Observation.App) seen);
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

    private static Verdict app(Observation.App app) {
        String status = app.status() == null ? "unknown" : app.status();
        if (GONE_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            return Verdict.conclude(Outcome.ALREADY_GONE, "app is " + status);
        }
        if (!"InService".equalsIgnoreCase(status)) {
            return Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE, "app is " + status + ", not InService");
        }
        return Verdict.proceed();
    }
}
