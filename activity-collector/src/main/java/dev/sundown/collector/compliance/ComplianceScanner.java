package dev.sundown.collector.compliance;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.publish.EventPublisher;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.push.PushTargets;
import dev.sundown.collector.studio.DomainView;
import dev.sundown.collector.studio.StudioCycle;
import dev.sundown.events.ComplianceSummary;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Runs the compliance scan on schedule and on demand, and publishes findings and summaries. */
@ApplicationScoped
public class ComplianceScanner {

    private static final Logger LOG = Logger.getLogger(ComplianceScanner.class);
    private static final DateTimeFormatter SCAN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What one scan found per domain. */
    public record Report(String scanId, List<ComplianceSummary> domains) {
    }

    private final CollectorConfig config;
    private final StudioCycle studio;
    private final ObservationLedger ledger;
    private final PushTargets push;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Vertx vertx;
    private volatile long timerId = -1;

    public ComplianceScanner(CollectorConfig config, StudioCycle studio, ObservationLedger ledger, PushTargets push,
                             EventPublisher publisher, Clock clock, Vertx vertx) {
        this.config = config;
        this.studio = studio;
        this.ledger = ledger;
        this.push = push;
        this.publisher = publisher;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.studio().enabled() && config.compliance().enabled()) {
            long every = config.compliance().interval().toMillis();
            timerId = vertx.setPeriodic(every, every, id -> scan().subscribe().with(
                    r -> LOG.infof("compliance scan %s done: %d domain(s)", r.scanId(), r.domains().size()),
                    t -> LOG.warnf("compliance scan failed: %s", t.toString())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Reads every domain afresh and judges each profile and space. */
    public Uni<Report> scan() {
        Instant started = clock.instant();
        String scanId = "scan-" + SCAN_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return studio.domains()
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> scanDomain(scanId, id))
                        .collect().asList())
                .map(summaries -> new Report(scanId, summaries));
    }

    private Uni<ComplianceSummary> scanDomain(String scanId, String domainId) {
        return studio.readDomain(domainId)
                .map(view -> new Object[] {view, true})
                .onFailure().recoverWithItem(t -> {
                    DomainView last = studio.views().get(domainId);
                    LOG.warnf("compliance scan of %s uses the last known view: %s", domainId, t.toString());
                    return new Object[] {last == null ? new DomainView(domainId, List.of(), List.of(),
                            List.of(), clock.instant()) : last, false};
                })
                .flatMap(pair -> {
                    DomainView view = (DomainView) pair[0];
                    boolean complete = (Boolean) pair[1];
                    Instant now = clock.instant();
                    Map<String, String> pushByOwner = push.targetsByStudioOwner();
                    List<OutgoingEvent> events = ComplianceJudge.judge(scanId, view, complete, ledger::get,
                            owner -> pushByOwner.containsKey(owner)
                                    ? ledger.lastObservedAt("jupyter/" + pushByOwner.get(owner)) : null,
                            config.compliance().stalenessWindow(), now);
                    ComplianceSummary summary = (ComplianceSummary) events.get(events.size() - 1).data();
                    return publisher.publish(events, now).replaceWith(summary);
                });
    }
}
