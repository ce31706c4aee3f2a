package dev.sundown.executor.domain;

/**
 * A token bucket that hands out reservations instead of blocking: a caller asks when it may make its call and waits
 * that long (without holding a thread). Tokens accrue at {@code ratePerSecond} up to {@code capacity}.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1");
        }
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /**
     * Takes one token, going into debt if none is left, and returns how many nanoseconds the caller must wait
     * before its call (0 when a token was available). Debt queues callers in the order they asked.
     */
    public synchronized long reserve(long nowNanos) {
        if (nowNanos > lastRefillNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastRefillNanos) * ratePerNano);
            lastRefillNanos = nowNanos;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        return (long) Math.ceil(-tokens / ratePerNano);
    }
}
