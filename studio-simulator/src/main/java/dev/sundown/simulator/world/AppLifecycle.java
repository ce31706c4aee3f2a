package dev.sundown.simulator.world;

import java.time.Duration;

/** How long apps take to start and to be deleted, and how long deleted apps stay listed. */
public record AppLifecycle(Duration createDelay, Duration deleteDelay, Duration deletedRetention) {
}
