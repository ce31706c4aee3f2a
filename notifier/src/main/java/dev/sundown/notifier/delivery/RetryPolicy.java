package dev.sundown.notifier.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * How long to wait before the next attempt: what the channel asked for (Slack's {@code Retry-After}, capped at
 * {@code maxRetryAfter}), else exponential backoff from {@code initialBackoff} up to {@code maxBackoff}. Nothing
 * more after {@code maxAttempts} attempts, or for a failure that cannot succeed on a retry.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * @param attemptsMade attempts so far, including the one that just failed
     * @return the wait before the next attempt, or empty to give up
     */
    public Optional<Duration> nextDelay(int attemptsMade, DeliveryException failure) {
        if (!failure.retryable() || attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        if (failure.retryAfter() != null) {
            Duration asked = failure.retryAfter().isNegative() ? Duration.ZERO : failure.retryAfter();
            return Optional.of(asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
        }
        Duration d = initialBackoff;
        for (int i = 1; i < attemptsMade && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return Optional.of(d.compareTo(maxBackoff) > 0 ? maxBackoff : d);
    }
}
