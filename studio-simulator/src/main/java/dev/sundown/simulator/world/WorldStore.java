package dev.sundown.simulator.world;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Holds the current world. Every read and write goes through {@link #read}/{@link #write}, which serialise on one
 * lock: operations are short in-memory work, so one lock keeps the model simple and consistent.
 */
public final class WorldStore {

    private final Object lock = new Object();
    private World world;

    public WorldStore(World world) {
        this.world = world;
    }

    public <T> T read(Function<World, T> query) {
        synchronized (lock) {
            return query.apply(world);
        }
    }

    public <T> T write(Function<World, T> change) {
        synchronized (lock) {
            return change.apply(world);
        }
    }

    public void update(Consumer<World> change) {
        synchronized (lock) {
            change.accept(world);
        }
    }

    public void replace(World next) {
        synchronized (lock) {
            world = next;
        }
    }
}
