package dev.sundown.executor.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff with jitter, bounded by a number of attempts and by an overall deadline.
 *
 * @param maxAttempts    calls made for one step before giving up (at least 1)
 * @param initialBackoff wait before the second call
 * @param maxBackoff     longest wait between two calls
 * @param deadline       no call starts later than this after the command's processing began
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
            throw new IllegalArgumentException("backoffs and deadline must not be negative");
        }
    }

    /**
     * The wait before the next call, or empty when the failure after {@code attemptsMade} calls is final.
     *
     * @param attemptsMade calls made so far for this step (1 after the first failure)
     * @param elapsed      time since the command's processing began
     * @param random       a number in [0, 1) that spreads callers apart (jitter)
     */
    public Optional<Duration> delayBeforeNext(int attemptsMade, Duration elapsed, double random) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration ceiling = backoffCeiling(attemptsMade);
        // Equal jitter: at least half the exponential backoff, so the wait still grows, plus a random share.
        long half = ceiling.toNanos() / 2;
        Duration delay = Duration.ofNanos(half + (long) (random * (ceiling.toNanos() - half)));
        if (elapsed.plus(delay).compareTo(deadline) >= 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /** Exponential backoff before jitter: initial × 2^(attemptsMade − 1), capped at {@code maxBackoff}. */
    public Duration backoffCeiling(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        long nanos = initialBackoff.toNanos();
        for (int i = 0; i < doublings && nanos < maxBackoff.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
    }
}
