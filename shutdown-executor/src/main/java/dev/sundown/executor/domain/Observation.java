package dev.sundown.executor.domain;

import java.time.Instant;

/** What a fresh read of the resource found just before acting. */
public sealed interface Observation {

    /** A kernel as the Jupyter API reports it ({@code execution_state}, {@code last_activity}). */
    record Kernel(String executionState, Instant lastActivity) implements Observation {
    }

    /** A terminal as the Jupyter API reports it; {@code lastActivity} is null when the server does not say. */
    record Terminal(Instant lastActivity) implements Observation {
    }

    /** A SageMaker app as DescribeApp reports it. */
    record App(String status) implements Observation {
    }

    /** The resource does not exist any more. */
    record Gone(String detail) implements Observation {
    }

    /** A tag now exempts the resource, e.g. {@code sundown:exempt=true} on its user profile. */
    record ExemptByTag(String where) implements Observation {
    }
}
