package dev.sundown.notifier.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the sent-keys log is loaded: before that, nothing is consumed. */
@Readiness
@ApplicationScoped
public class SentLogReadiness implements HealthCheck {

    private final SentLog sentLog;

    public SentLogReadiness(SentLog sentLog) {
        this.sentLog = sentLog;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = sentLog.loaded().isDone() && !sentLog.loaded().isCompletedExceptionally();
        return HealthCheckResponse.named("notifier sent-keys log").status(up).withData("keys", sentLog.size()).build();
    }
}
