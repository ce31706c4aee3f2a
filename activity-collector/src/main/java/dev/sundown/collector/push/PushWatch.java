package dev.sundown.collector.push;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.poll.ReadFailure;
import dev.sundown.collector.publish.EventPublisher;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Reports a push target unobserved when its agent has been silent for {@code push.stale-after}. */
@ApplicationScoped
public class PushWatch {

    private static final Logger LOG = Logger.getLogger(PushWatch.class);

    private final CollectorConfig config;
    private final PushTargets targets;
    private final ObservationLedger ledger;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Vertx vertx;
    private final Map<String, Instant> lastReported = new ConcurrentHashMap<>();
    private volatile Instant startedAt;
    private volatile long timerId = -1;

    public PushWatch(CollectorConfig config, PushTargets targets, ObservationLedger ledger, EventPublisher publisher,
                     Clock clock, Vertx vertx) {
        this.config = config;
        this.targets = targets;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        startedAt = clock.instant();
        if (targets.enabled() && !targets.names().isEmpty()) {
            long every = Math.max(100, config.push().staleAfter().toMillis() / 2);
            timerId = vertx.setPeriodic(every, id -> check());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void check() {
        Instant now = clock.instant();
        Duration staleAfter = config.push().staleAfter();
        List<OutgoingEvent> reports = new ArrayList<>();
        for (String name : targets.names()) {
            String source = "jupyter/" + name;
            Instant last = ledger.lastObservedAt(source);
            Instant since = last != null ? last : startedAt;
            Instant reported = lastReported.get(name);
            boolean silent = since.plus(staleAfter).isBefore(now);
            boolean due = reported == null || reported.isBefore(since) || reported.plus(staleAfter).isBefore(now);
            if (silent && due) {
                String reason = last == null ? "no snapshot pushed since the collector started"
                        : "no snapshot pushed for " + Duration.between(last, now).toSeconds() + " s";
                ledger.failed(source, new ReadFailure(ReadFailure.Kind.UNREACHABLE, reason), now);
                AppKey app = AppKey.jupyter(name);
                reports.add(new OutgoingEvent(Topics.APP_ACTIVITY, app.toString(),
                        new SourceUnobserved(app, source, reason, last, now)));
                lastReported.put(name, now);
            }
        }
        if (!reports.isEmpty()) {
            publisher.publish(reports, now).subscribe().with(v -> { },
                    t -> LOG.warnf("could not publish silent push targets: %s", t.toString()));
        }
    }
}
