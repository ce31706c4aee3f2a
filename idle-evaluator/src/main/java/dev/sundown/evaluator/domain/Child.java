package dev.sundown.evaluator.domain;

import dev.sundown.events.ExecutionState;
import java.time.Instant;

/**
 * A kernel or a terminal inside an app, as last observed.
 *
 * @param state        a kernel's execution state; null for a terminal
 * @param lastActivity newest activity seen (a busy observation counts as activity at its observation time)
 * @param observedAt   when it was last observed
 */
public record Child(String id, String name, ExecutionState state, int connections, Instant lastActivity,
                    Instant observedAt, String notebookPath) {

    /** A child listed in an app's inventory but not yet observed on its own: its state is unknown. */
    public static Child listed(String id, Instant observedAt) {
        return new Child(id, null, ExecutionState.UNKNOWN, 0, observedAt, observedAt, null);
    }
}
