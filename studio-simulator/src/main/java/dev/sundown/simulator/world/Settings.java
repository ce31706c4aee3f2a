package dev.sundown.simulator.world;

import java.util.List;

/** Lifecycle configurations and built-in idle shutdown of a domain's defaults, a profile or a space. */
public record Settings(String executionRole, List<String> lifecycleConfigArns, String idleShutdown, Integer idleTimeoutMinutes) {

    public static final Settings NONE = new Settings(null, List.of(), null, null);

    public Settings {
        lifecycleConfigArns = lifecycleConfigArns == null ? List.of() : List.copyOf(lifecycleConfigArns);
    }

    public static Settings of(WorldSpec.SettingsSpec spec) {
        if (spec == null) {
            return NONE;
        }
        String idle = spec.idleShutdown() == null ? null : spec.idleShutdown().trim().toUpperCase(java.util.Locale.ROOT);
        if (idle != null && !idle.equals("ENABLED") && !idle.equals("DISABLED")) {
            throw new IllegalArgumentException("idleShutdown must be ENABLED or DISABLED, not " + spec.idleShutdown());
        }
        return new Settings(spec.executionRole(), spec.lifecycleConfigArns(), idle, spec.idleTimeoutMinutes());
    }
}
