package dev.sundown.simulator.config;

import dev.sundown.simulator.world.AppLifecycle;
import dev.sundown.simulator.world.World;
import dev.sundown.simulator.world.WorldBuilder;
import dev.sundown.simulator.world.WorldFiles;
import dev.sundown.simulator.world.WorldStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Loads the world file at start and on reset. */
@Startup
@ApplicationScoped
public class WorldBootstrap {

    private static final Logger LOG = Logger.getLogger(WorldBootstrap.class);

    private final SimulatorConfig config;
    private final Clock clock;
    private final WorldBuilder builder;
    private final WorldStore store;

    @Inject
    public WorldBootstrap(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.builder = new WorldBuilder(lifecycle(config));
        this.store = new WorldStore(load(true));
    }

    public static AppLifecycle lifecycle(SimulatorConfig config) {
        return new AppLifecycle(config.sagemaker().createDelay(), config.sagemaker().deleteDelay(),
                config.sagemaker().deletedRetention());
    }

    private World load(boolean initial) {
        World world = builder.build(WorldFiles.read(config.world()), clock.instant(),
                config.timeScale().isPresent() ? config.timeScale().getAsDouble() : null);
        LOG.logf(initial ? org.jboss.logging.Logger.Level.INFO : org.jboss.logging.Logger.Level.DEBUG, "world %s loaded: %d domains, %d apps, %d static targets, time scale %s", config.world(),
                world.domains().size(), world.apps().size(), world.targets().size(), world.timeScale());
        return world;
    }

    /** Throws the world away and loads the world file again, with a new start time. */
    public void reset() {
        store.replace(load(false));
    }

    public WorldStore store() {
        return store;
    }

    public WorldBuilder builder() {
        return builder;
    }

    public AppLifecycle appLifecycle() {
        return lifecycle(config);
    }
}
