package dev.sundown.collector.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every configured source was attempted at least once, so a fresh instance does not claim to see
 * what it has not looked at yet. Kafka readiness is reported by the messaging extension's own check.
 */
@Readiness
@ApplicationScoped
public class FirstCycleReadiness implements HealthCheck {

    private final FirstCycle firstCycle;

    public FirstCycleReadiness(FirstCycle firstCycle) {
        this.firstCycle = firstCycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sundown-collector-first-cycle")
                .status(firstCycle.done())
                .withData("pending", firstCycle.pending())
                .build();
    }
}
