package dev.sundown.evaluator.streams;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the policy store, so stream tasks see that they must reload policies and re-evaluate.
 * One per topology instance: the global-store processor bumps it, the app processors read it.
 */
public final class PolicyVersion {
    private final AtomicLong version = new AtomicLong();

    void changed() {
        version.incrementAndGet();
    }

    long current() {
        return version.get();
    }
}
