package dev.sundown.simulator.world;

import java.time.Instant;

/** A terminal; {@code appName} is set for Studio image terminals that run on a KernelGateway app. */
public record TerminalModel(String name, String appName, Activity activity) {

    public Instant lastActivity(Instant now) {
        return activity.lastActivity(now);
    }
}
