package dev.sundown.notifier.intake;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.digest.DigestService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Checks, every {@code sundown.notifier.tick}, which compliance groups are ready and whether a digest is due.
 * Digests run on their own thread so reading a day of results never holds back a compliance message. Open
 * groups are not flushed at shutdown: their records are not acknowledged, so they are read again after a restart.
 */
@ApplicationScoped
public class Ticker {

    private static final Logger LOG = Logger.getLogger(Ticker.class);

    private final Intake intake;
    private final DigestService digests;
    private final NotifierConfig config;
    private ScheduledExecutorService compliance;
    private ScheduledExecutorService digest;

    public Ticker(Intake intake, DigestService digests, NotifierConfig config) {
        this.intake = intake;
        this.digests = digests;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long tick = Math.max(50, config.tick().toMillis());
        compliance = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sundown-notifier-compliance"));
        digest = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sundown-notifier-digest"));
        compliance.scheduleWithFixedDelay(() -> guard("compliance", intake::flushCompliance), tick, tick,
                TimeUnit.MILLISECONDS);
        digest.scheduleWithFixedDelay(() -> guard("digest", digests::sendScheduledIfDue), tick, tick,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (compliance != null) {
            compliance.shutdownNow();
            digest.shutdownNow();
        }
    }

    private static void guard(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warnf("%s check failed: %s", what, e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
