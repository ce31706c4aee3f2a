package dev.sundown.collector.studio;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.jupyter.JupyterReader;
import dev.sundown.collector.ops.FirstCycle;
import dev.sundown.collector.ops.HttpClients;
import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.poll.PollLoop;
import dev.sundown.collector.poll.ReadFailure;
import dev.sundown.collector.publish.EventPublisher;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.ControlPlaneEvents.Deletion;
import dev.sundown.collector.studio.ControlPlaneEvents.Deletions;
import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.collector.studio.DomainView.OwnerView;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One control-plane cycle per poll interval (never two at once): reads every configured domain, publishes its
 * apps (and, once, each deletion ListApps lists), and keeps one front-door target
 * per profile or space whose JupyterServer/JupyterLab app is InService.
 * A domain that cannot be read is reported unobserved for every app it was last known to have.
 */
@ApplicationScoped
public class StudioCycle {

    public static final String READINESS_SOURCE = "sagemaker";
    private static final Logger LOG = Logger.getLogger(StudioCycle.class);

    private final CollectorConfig config;
    private final SageMakerClients clients;
    private final EventPublisher publisher;
    private final ObservationLedger ledger;
    private final PollLoop loop;
    private final HttpClients http;
    private final FirstCycle readiness;
    private final Clock clock;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, DomainView> views = new ConcurrentHashMap<>();
    private final Map<String, List<AppKey>> knownApps = new ConcurrentHashMap<>();
    private final Map<String, Set<Deletion>> announcedDeletions = new ConcurrentHashMap<>();
    private final RecentDeletions recentDeletions = new RecentDeletions(Duration.ofHours(1));
    private final Map<String, StudioFrontDoor.Owner> frontDoorOwners = new ConcurrentHashMap<>();
    private final Map<String, StudioFrontDoor> frontDoors = new ConcurrentHashMap<>();
    private volatile DomainReader reader;
    private volatile long timerId = -1;

    public StudioCycle(CollectorConfig config, SageMakerClients clients, EventPublisher publisher,
                       ObservationLedger ledger, PollLoop loop, HttpClients http, FirstCycle readiness,
                       Clock clock, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.clients = clients;
        this.publisher = publisher;
        this.ledger = ledger;
        this.loop = loop;
        this.http = http;
        this.readiness = readiness;
        this.clock = clock;
        this.vertx = vertx;
        this.registry = registry;
    }

    public synchronized void start() {
        if (timerId < 0) {
            long every = config.studio().cycleInterval().orElse(config.pollInterval()).toMillis();
            timerId = vertx.setPeriodic(1, every, id -> runCycle().subscribe().with(
                    v -> { }, t -> LOG.warnf("Studio cycle failed: %s", t.toString())));
        }
    }

    public synchronized void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** The latest successful control-plane view of each domain. */
    public Map<String, DomainView> views() {
        return Map.copyOf(views);
    }

    /** The front door of a Studio source, if one is registered. */
    public Optional<StudioFrontDoor> frontDoor(String source) {
        return Optional.ofNullable(frontDoors.get(source));
    }

    DomainReader reader() {
        if (reader == null) {
            reader = new DomainReader(clients.client(), config.concurrency().orElse(32), config.studio().tagsRefresh(),
                    clock);
        }
        return reader;
    }

    /** The domains to read: the configured ones, or every domain of the account. */
    public Uni<List<String>> domains() {
        List<String> configured = config.studio().domains().orElse(List.of());
        if (!configured.isEmpty()) {
            return Uni.createFrom().item(configured);
        }
        return reader().domainIds();
    }

    /** Reads a domain afresh (used by the compliance scan too). */
    public Uni<DomainView> readDomain(String domainId) {
        return reader().read(domainId);
    }

    /** Runs one cycle unless one is running; completes when every domain was handled. */
    public Uni<Void> runCycle() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        clients.budget().reset();
        long start = System.nanoTime();
        return domains()
                .onFailure().invoke(t -> LOG.warnf("cannot list Studio domains: %s", safe(t)))
                .onFailure().recoverWithItem(List.copyOf(knownApps.keySet()))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndMerge(this::cycleDomain)
                        .collect().last())
                .onTermination().invoke(() -> {
                    running.set(false);
                    readiness.done(READINESS_SOURCE);
                    Timer.builder("sundown.collector.studio.cycle").description("One SageMaker control-plane cycle")
                            .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
                })
                .replaceWithVoid();
    }

    private Uni<Void> cycleDomain(String domainId) {
        String source = ControlPlaneEvents.source(domainId);
        return readDomain(domainId)
                .flatMap(view -> {
                    Instant now = clock.instant();
                    views.put(domainId, view);
                    knownApps.put(domainId, ControlPlaneEvents.runningKeys(view));
                    recentDeletions.live(ControlPlaneEvents.liveKeys(view));
                    ledger.observed(source, now);
                    refreshFrontDoors(view);
                    Deletions deletions = ControlPlaneEvents.deleted(view,
                            announcedDeletions.getOrDefault(domainId, Set.of()), now);
                    List<OutgoingEvent> events = new ArrayList<>(ControlPlaneEvents.of(view, now));
                    events.addAll(deletions.events());
                    // front-door news older than these deletions is held back from now on, even if this publish
                    // fails: ListApps says they are gone
                    recentDeletions.announced(deletions.events(), now);
                    // a deletion counts as announced only once published; until then every read offers it again
                    return publisher.publish(events, now)
                            .invoke(() -> announcedDeletions.put(domainId, deletions.listed()));
                })
                .onFailure().recoverWithUni(t -> {
                    Instant now = clock.instant();
                    String reason = "SageMaker control plane unreadable: " + safe(t);
                    ledger.failed(source, new ReadFailure(ReadFailure.Kind.CONTROL_PLANE, reason), now);
                    LOG.warnf("%s is unobserved: %s", source, reason);
                    registry.counter("sundown.collector.unobserved", "kind", "sagemaker", "failure",
                            ReadFailure.Kind.CONTROL_PLANE.name()).increment();
                    return publisher.publish(ControlPlaneEvents.unobserved(knownApps.getOrDefault(domainId, List.of()),
                            source, reason, ledger.lastObservedAt(source), now), now);
                });
    }

    private void refreshFrontDoors(DomainView view) {
        if (!config.studio().frontDoor()) {
            return;
        }
        Map<String, Map<String, String>> tagsByKey = new HashMap<>();
        Map<String, List<AppKey>> appsByOwner = new HashMap<>();
        for (AppView a : view.apps()) {
            ControlPlaneEvents.keyOf(view.domainId(), a).ifPresent(k -> {
                tagsByKey.put(k.toString(), a.tags());
                if (a.inService()) {
                    appsByOwner.computeIfAbsent(a.owner(), o -> new ArrayList<>()).add(k);
                }
            });
        }
        Set<String> eligible = new HashSet<>();
        for (OwnerView o : view.owners()) {
            Optional<AppView> server = view.inServiceServerOf(o.kind(), o.name());
            if (server.isEmpty()) {
                continue;
            }
            AppKey serverKey;
            try {
                serverKey = AppKey.studio(view.domainId(), o.name(), AppType.parse(server.get().appType()),
                        server.get().appName());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String source = StudioFrontDoor.source(view.domainId(), o.name());
            eligible.add(source);
            Map<String, String> ownerTags = o.tags();
            frontDoorOwners.put(source, new StudioFrontDoor.Owner(view.domainId(), o.kind(), o.name(),
                    o.loginProfile(), serverKey, appsByOwner.getOrDefault(o.name(), List.of(serverKey)),
                    key -> tagsByKey.getOrDefault(key.toString(), ownerTags)));
            frontDoors.computeIfAbsent(source, s -> {
                StudioFrontDoor door = new StudioFrontDoor(clients.client(), http.client(),
                        new JupyterReader(config.requestTimeout()), config.studio().jupyterPath(),
                        config.studio().jupyterlabPath(),
                        config.studio().sessionDuration(), config.requestTimeout(), () -> frontDoorOwners.get(s),
                        recentDeletions);
                loop.register(door, true);
                return door;
            });
        }
        String prefix = "studio/" + view.domainId() + "/";
        for (String source : List.copyOf(frontDoors.keySet())) {
            if (source.startsWith(prefix) && !eligible.contains(source)) {
                // The server app stopped: never log in again (that could wake it); SageMaker reports its status.
                loop.unregister(source);
                frontDoors.remove(source);
                frontDoorOwners.remove(source);
            }
        }
    }

    static String safe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null
                && !(c instanceof software.amazon.awssdk.awscore.exception.AwsServiceException)
                && !(c instanceof software.amazon.awssdk.core.exception.SdkClientException)) {
            c = c.getCause();
        }
        if (c instanceof software.amazon.awssdk.awscore.exception.AwsServiceException e
                && e.awsErrorDetails() != null) {
            return e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + ")";
        }
        if (c instanceof software.amazon.awssdk.core.exception.SdkClientException e && e.getMessage() != null
                && e.getMessage().contains("call budget")) {
            return "call budget spent";
        }
        return c.getClass().getSimpleName();
    }
}
