package dev.sundown.executor.shutdown;

import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.domain.RetryPolicy;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs the calls of one command under its {@link RetryPolicy}: retryable failures are tried again after a backoff
 * with jitter, until the attempts or the command's deadline run out. Waiting never holds a thread.
 */
public final class Retrier {

    /** A step that succeeded, with the calls it took. */
    public record Attempted<T>(T value, int attempts) {
    }

    /** A step that failed for good: the last failure, the calls made, and whether the budget ran out. */
    public static final class StepFailed extends RuntimeException {
        private final CallFailure last;
        private final int attempts;
        private final boolean exhausted;

        public StepFailed(CallFailure last, int attempts, boolean exhausted) {
            super(last.getMessage(), null, false, false);
            this.last = last;
            this.attempts = attempts;
            this.exhausted = exhausted;
        }

        public CallFailure last() {
            return last;
        }

        public int attempts() {
            return attempts;
        }

        /** True when retries ran out (attempts or deadline); false when the failure was not retryable. */
        public boolean exhausted() {
            return exhausted;
        }
    }

    /**
     * Thrown by a call to end its step at once, neither retried nor counted as a call failure: the caller knows why
     * (e.g. a re-validation between two calls found a reason not to call again). Subclasses carry the reason.
     */
    public static class Halt extends RuntimeException {
        public Halt(String message) {
            super(message, null, false, false);
        }
    }

    private final RetryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Instant started;

    public Retrier(RetryPolicy policy, Clock clock, DoubleSupplier random, Instant started) {
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.started = started;
    }

    /** Runs {@code call} (a fresh call each attempt), failing with {@link StepFailed}. */
    public <T> Uni<Attempted<T>> run(Supplier<Uni<T>> call) {
        return attempt(call, 1);
    }

    /** Like {@link #run} for a read whose attempts are not counted. */
    public <T> Uni<T> read(Supplier<Uni<T>> call) {
        return run(call).map(Attempted::value);
    }

    private <T> Uni<Attempted<T>> attempt(Supplier<Uni<T>> call, int attempt) {
        return Uni.createFrom().<T>deferred(call::get)
                .map(value -> new Attempted<>(value, attempt))
                .onFailure().recoverWithUni(error -> {
                    if (error instanceof Halt || error instanceof StepFailed) {
                        // Ended on purpose, or a nested step that already used its own retries.
                        return Uni.createFrom().failure(error);
                    }
                    CallFailure failure = error instanceof CallFailure f ? f
                            : new CallFailure(CallFailure.Kind.RETRYABLE, error.getClass().getSimpleName());
                    if (failure.kind() != CallFailure.Kind.RETRYABLE) {
                        return Uni.createFrom().failure(new StepFailed(failure, attempt, false));
                    }
                    Duration elapsed = Duration.between(started, clock.instant());
                    Optional<Duration> delay = policy.delayBeforeNext(attempt, elapsed, random.getAsDouble());
                    if (delay.isEmpty()) {
                        return Uni.createFrom().failure(new StepFailed(failure, attempt, true));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay.get())
                            .chain(() -> attempt(call, attempt + 1));
                });
    }
}
