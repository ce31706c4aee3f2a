package dev.sundown.notifier.delivery;

import java.time.Duration;

/**
 * A channel refused or could not take a message. The message is already free of secrets.
 *
 * @see SecretMask
 */
public class DeliveryException extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryException(String safeMessage, boolean retryable, Duration retryAfter) {
        super(safeMessage, null, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retryable(String safeMessage) {
        return new DeliveryException(safeMessage, true, null);
    }

    public static DeliveryException permanent(String safeMessage) {
        return new DeliveryException(safeMessage, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** What the channel asked to wait (Slack's {@code Retry-After}), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
