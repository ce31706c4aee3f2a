package dev.sundown.simulator.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the world file is loaded (which happens at start, or start fails). */
@Readiness
@ApplicationScoped
public class WorldReadiness implements HealthCheck {

    private final WorldBootstrap world;

    public WorldReadiness(WorldBootstrap world) {
        this.world = world;
    }

    @Override
    public HealthCheckResponse call() {
        int domains = world.store().read(w -> w.domains().size());
        int targets = world.store().read(w -> w.targets().size());
        return HealthCheckResponse.named("world").up().withData("domains", domains).withData("targets", targets).build();
    }
}
