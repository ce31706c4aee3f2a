package dev.sundown.executor.sagemaker;

import dev.sundown.executor.config.ExecutorConfig;
import dev.sundown.executor.domain.TokenBucket;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per SageMaker domain, so one busy domain cannot exhaust the account's API quota. */
@ApplicationScoped
public class DomainRateLimits {

    private final double callsPerSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public DomainRateLimits(ExecutorConfig config) {
        this.callsPerSecond = config.sagemaker().callsPerSecond();
        if (callsPerSecond <= 0) {
            throw new IllegalArgumentException("sundown.executor.sagemaker.calls-per-second must be positive");
        }
    }

    /** Completes when a call towards {@code domainId} may be made. */
    public Uni<Void> permit(String domainId) {
        TokenBucket bucket = buckets.computeIfAbsent(domainId,
                d -> new TokenBucket(callsPerSecond, Math.max(1, callsPerSecond), System.nanoTime()));
        long waitNanos = bucket.reserve(System.nanoTime());
        if (waitNanos <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(waitNanos));
    }
}
