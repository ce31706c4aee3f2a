package dev.sundown.executor.shutdown;

import dev.sundown.executor.domain.Observation;
import io.smallrye.mutiny.Uni;

/** How one command's resource is read again and stopped. */
public interface ResourceAction {

    /** Reads the resource again (and any tag that could exempt it); each call retried by {@code retrier}. */
    Uni<Observation> observe(Retrier retrier);

    /** One attempt at stopping the resource; fails with a {@code CallFailure} (GONE on 404/ResourceNotFound). */
    Uni<Void> act();

    /**
     * Whether the resource is read and judged again before each retry of {@link #act()} (not before the first call,
     * which directly follows the re-validation): true for DeleteApp, whose retries can span seconds.
     */
    default boolean revalidatesBeforeRetry() {
        return false;
    }

    /** What {@link #act()} does, for results and logs, e.g. {@code delete kernel 1234 on jupyter/lab}. */
    String description();

    /** For the action-latency metric: {@code kernel}, {@code terminal} or {@code app}. */
    String kind();
}
