package dev.sundown.collector.poll;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.ops.FirstCycle;
import dev.sundown.collector.publish.EventPublisher;
import dev.sundown.collector.publish.OutgoingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Reads every registered target on its schedule with bounded concurrency, publishes what it read, and
 * publishes an unobserved report for a target that could not be read. A target is never polled twice at once.
 */
@ApplicationScoped
public class PollLoop {

    private static final Logger LOG = Logger.getLogger(PollLoop.class);

    private final CollectorConfig config;
    private final EventPublisher publisher;
    private final ObservationLedger ledger;
    private final Clock clock;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final FirstCycle readiness;
    private final PollSchedule schedule;
    private final Map<String, PollTarget> targets = new ConcurrentHashMap<>();
    private final Set<String> failingTargets = ConcurrentHashMap.newKeySet();
    private final Timer lag;
    private final Map<String, Instant> registeredAt = new ConcurrentHashMap<>();
    private final Map<String, Timer> pollTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile long timerId = -1;
    /** The one-shot timer that wakes the loop when the next target is due, and when it fires (ms, monotonic). */
    private long wakeTimerId = -1;
    private long wakeAtMillis;

    public PollLoop(CollectorConfig config, EventPublisher publisher, ObservationLedger ledger, Clock clock,
                    Vertx vertx, MeterRegistry registry, FirstCycle readiness) {
        this.readiness = readiness;
        this.config = config;
        this.publisher = publisher;
        this.ledger = ledger;
        this.clock = clock;
        this.vertx = vertx;
        this.registry = registry;
        this.schedule = new PollSchedule(config.pollInterval(), config.jitter(), config.backoff().multiplier(),
                config.backoff().max(), RandomGenerator.getDefault());
        this.lag = Timer.builder("sundown.collector.poll.lag")
                .description("How late a poll started after its planned time; a lag near the interval is a missed cycle")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("sundown.collector.targets", schedule, PollSchedule::size)
                .description("Targets the poll loop reads").register(registry);
        Gauge.builder("sundown.collector.targets.unobserved", failingTargets, Set::size)
                .description("Targets whose latest read failed").register(registry);
        Gauge.builder("sundown.collector.polls.in-flight", schedule, PollSchedule::inFlight)
                .description("Polls in flight").register(registry);
        Gauge.builder("sundown.collector.attempt.age.max", this, PollLoop::oldestAttemptAgeSeconds)
                .description("Seconds since the least recently attempted target was last attempted; above the poll "
                        + "interval means a target missed its cycle")
                .baseUnit("seconds").register(registry);
    }

    /**
     * Starts polling. Called once at start-up. The loop wakes when the next target is due (so each target starts on
     * its own slot) and when a poll ends; the periodic {@code tick} is only a safety net.
     */
    public synchronized void start() {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(config.tick().toMillis(), id -> dispatch());
            dispatch();
        }
    }

    public synchronized void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        synchronized (schedule) {
            if (wakeTimerId >= 0) {
                vertx.cancelTimer(wakeTimerId);
                wakeTimerId = -1;
            }
        }
    }

    /**
     * Polls allowed in flight at once: the configured {@code concurrency}, or enough for every target to wait a
     * full request timeout once per interval ({@code targets × request-timeout / interval}, 32 to 1024).
     */
    public int concurrencyLimit() {
        return config.concurrency().orElseGet(() -> autoConcurrency(schedule.size(), config.requestTimeout(),
                config.pollInterval()));
    }

    static int autoConcurrency(int targets, Duration requestTimeout, Duration interval) {
        double needed = Math.ceil(targets * (double) requestTimeout.toMillis() / Math.max(1, interval.toMillis()));
        return (int) Math.max(32, Math.min(1024, needed));
    }

    /** Registers a target at a random phase of the interval (or right away); a known source is replaced. */
    public void register(PollTarget target, boolean dueNow) {
        targets.put(target.source(), target);
        Instant now = clock.instant();
        registeredAt.putIfAbsent(target.source(), now);
        if (dueNow) {
            schedule.addDueNow(target.source(), now);
        } else {
            schedule.add(target.source(), now);
        }
        wakeUpWhenDue();
    }

    public void unregister(String source) {
        targets.remove(source);
        pollTimers.remove(source + "|observed");
        pollTimers.remove(source + "|unobserved");
        registeredAt.remove(source);
        schedule.remove(source);
        failingTargets.remove(source);
    }

    public Set<String> sources() {
        return Set.copyOf(targets.keySet());
    }

    /** Starts as many due polls as the concurrency limit allows, then sleeps until the next one is due. */
    public void dispatch() {
        List<String> due;
        synchronized (schedule) {
            due = schedule.takeDue(clock.instant(), concurrencyLimit() - schedule.inFlight());
        }
        for (String source : due) {
            PollTarget target = targets.get(source);
            if (target == null) {
                schedule.completed(source, true, clock.instant());
                continue;
            }
            run(target);
        }
        wakeUpWhenDue();
    }

    /** Arms the one-shot timer for the next due target, unless the loop is full (a finishing poll dispatches). */
    private void wakeUpWhenDue() {
        if (timerId < 0) {
            return;
        }
        synchronized (schedule) {
            Instant next = schedule.nextDue();
            if (next == null || schedule.inFlight() >= concurrencyLimit()) {
                return;
            }
            long delay = Math.max(1, Duration.between(clock.instant(), next).toMillis() + 1);
            long at = System.nanoTime() / 1_000_000 + delay;
            if (wakeTimerId >= 0) {
                if (wakeAtMillis <= at) {
                    return;
                }
                vertx.cancelTimer(wakeTimerId);
            }
            wakeAtMillis = at;
            long[] self = new long[1];
            self[0] = vertx.setTimer(delay, id -> {
                synchronized (schedule) {
                    if (wakeTimerId == self[0]) {
                        wakeTimerId = -1;
                    }
                }
                dispatch();
            });
            wakeTimerId = self[0];
        }
    }

    private void run(PollTarget target) {
        Instant started = clock.instant();
        Instant due = schedule.due(target.source());
        if (due != null) {
            lag.record(Duration.between(due, started).isNegative() ? Duration.ZERO : Duration.between(due, started));
        }
        long startNanos = System.nanoTime();
        Uni<List<OutgoingEvent>> read;
        try {
            read = target.poll(started);
        } catch (RuntimeException e) {
            read = Uni.createFrom().failure(e);
        }
        read.onItemOrFailure().transformToUni((events, failure) -> {
            if (failure == null) {
                return publisher.publish(events, clock.instant())
                        .invoke(() -> succeeded(target, events.size()))
                        .replaceWith(true);
            }
            ReadFailure rf = ReadFailure.of(failure, target.source());
            Instant now = clock.instant();
            List<OutgoingEvent> report = target.unobserved(rf.reason(), ledger.lastObservedAt(target.source()), now);
            failed(target, rf, now);
            return publisher.publish(report, now).replaceWith(false);
        }).subscribe().with(ok -> finish(target, ok, startNanos), publishFailure -> {
            LOG.warnf("could not publish the observation of %s: %s", target.source(), publishFailure.toString());
            finish(target, false, startNanos);
        });
    }

    private void succeeded(PollTarget target, int events) {
        ledger.observed(target.source(), clock.instant());
        failingTargets.remove(target.source());
        String kind = kindOf(target.source());
        counters.computeIfAbsent("observed|" + kind, k -> Counter.builder("sundown.collector.resources.observed")
                .description("Events read from targets").tag("kind", kind).register(registry)).increment(events);
    }

    private void failed(PollTarget target, ReadFailure rf, Instant now) {
        ledger.failed(target.source(), rf, now);
        if (failingTargets.add(target.source())) {
            LOG.warnf("%s is unobserved: %s", target.source(), rf.reason());
        }
        String kind = kindOf(target.source());
        counters.computeIfAbsent("unobserved|" + kind + "|" + rf.kind(),
                k -> Counter.builder("sundown.collector.unobserved").description("Failed reads, by kind")
                        .tag("kind", kind).tag("failure", rf.kind().name()).register(registry)).increment();
    }

    private void finish(PollTarget target, boolean ok, long startNanos) {
        String outcome = ok ? "observed" : "unobserved";
        pollTimers.computeIfAbsent(target.source() + "|" + outcome, k -> Timer.builder("sundown.collector.poll")
                .description("Duration of one poll of one target").tag("target", target.source())
                .tag("outcome", outcome).register(registry)).record(Duration.ofNanos(System.nanoTime() - startNanos));
        readiness.done(target.source());
        schedule.completed(target.source(), ok, clock.instant());
        dispatch();
    }

    double oldestAttemptAgeSeconds() {
        Instant now = clock.instant();
        long oldestMillis = 0;
        for (Map.Entry<String, Instant> e : registeredAt.entrySet()) {
            Instant last = ledger.get(e.getKey()).map(ObservationLedger.Entry::lastAttemptAt).orElse(e.getValue());
            if (last.isBefore(e.getValue())) {
                last = e.getValue();
            }
            oldestMillis = Math.max(oldestMillis, Duration.between(last, now).toMillis());
        }
        return oldestMillis / 1000.0;
    }

    private static String kindOf(String source) {
        int slash = source.indexOf('/');
        return slash < 0 ? source : source.substring(0, slash);
    }
}
