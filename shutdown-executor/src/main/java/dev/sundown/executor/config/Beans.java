package dev.sundown.executor.config;

import dev.sundown.executor.domain.PolicyBook;
import dev.sundown.executor.domain.ProcessedCommands;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Plain-Java collaborators shared by the adapters. */
public class Beans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PolicyBook policyBook() {
        return new PolicyBook();
    }

    @Produces
    @Singleton
    ProcessedCommands processedCommands(ExecutorConfig config) {
        return new ProcessedCommands(config.idempotency().maxIds());
    }
}
