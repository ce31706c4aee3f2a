package dev.sundown.simulator.faults;

import dev.sundown.simulator.faults.FaultSettings.OperationFaults;
import dev.sundown.simulator.faults.FaultSettings.SlackFaults;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Decides, deterministically for a seed and call order, which calls fail and how late they answer. */
public final class FaultInjector {

    /** What to do with one call. */
    public record Decision(Kind kind, int status, long latencyMs, int retryAfterSeconds, long answerDelayMs) {

        public enum Kind { NONE, THROTTLE, ERROR, RATE_LIMIT }

        public Decision(Kind kind, int status, long latencyMs, int retryAfterSeconds) {
            this(kind, status, latencyMs, retryAfterSeconds, 0);
        }

        static Decision none(long latencyMs) {
            return new Decision(Kind.NONE, 200, latencyMs, 0);
        }
    }

    private final long defaultSeed;
    private FaultSettings settings = FaultSettings.NONE;
    private Random random;
    private final Map<String, Integer> injected = new HashMap<>();

    public FaultInjector(long defaultSeed) {
        this.defaultSeed = defaultSeed;
        this.random = new Random(defaultSeed);
    }

    public synchronized void configure(FaultSettings next) {
        settings = next == null ? FaultSettings.NONE : next;
        random = new Random(settings.seed() != null ? settings.seed() : defaultSeed);
        injected.clear();
    }

    public synchronized FaultSettings settings() {
        return settings;
    }

    public synchronized Decision sagemaker(String operation) {
        return operation("sagemaker", settings.sagemaker(), operation);
    }

    public synchronized Decision sns(String action) {
        return operation("sns", settings.sns(), action);
    }

    public synchronized Decision slack() {
        SlackFaults faults = settings.slack();
        if (faults == null) {
            return Decision.none(0);
        }
        long latency = faults.latencyMs() == null ? 0 : faults.latencyMs();
        if (exhausted("slack", faults.count())) {
            return Decision.none(latency);
        }
        if (hit(faults.rateLimitRate())) {
            count("slack");
            int retryAfter = faults.retryAfterSeconds() == null ? 1 : faults.retryAfterSeconds();
            return new Decision(Decision.Kind.RATE_LIMIT, 429, latency, retryAfter);
        }
        if (hit(faults.errorRate())) {
            count("slack");
            return new Decision(Decision.Kind.ERROR, 500, latency, 0);
        }
        return Decision.none(latency);
    }

    private Decision operation(String service, Map<String, OperationFaults> table, String operation) {
        if (table == null || table.isEmpty()) {
            return Decision.none(0);
        }
        String key = table.containsKey(operation) ? operation : "*";
        OperationFaults faults = table.get(key);
        if (faults == null) {
            return Decision.none(0);
        }
        long latency = faults.latencyMs() == null ? 0 : faults.latencyMs();
        long answerDelay = faults.answerDelayMs() == null ? 0 : faults.answerDelayMs();
        String counter = service + ":" + key;
        if (exhausted(counter, faults.count())) {
            return new Decision(Decision.Kind.NONE, 200, latency, 0, answerDelay);
        }
        if (hit(faults.throttleRate())) {
            count(counter);
            return new Decision(Decision.Kind.THROTTLE, 400, latency, 0);
        }
        if (hit(faults.errorRate())) {
            count(counter);
            int status = faults.errorStatus() == null ? 500 : faults.errorStatus();
            return new Decision(Decision.Kind.ERROR, status, latency, 0);
        }
        return new Decision(Decision.Kind.NONE, 200, latency, 0, answerDelay);
    }

    private boolean hit(Double rate) {
        if (rate == null || rate <= 0) {
            return false;
        }
        return rate >= 1 || random.nextDouble() < rate;
    }

    private boolean exhausted(String counter, Integer limit) {
        return limit != null && injected.getOrDefault(counter, 0) >= limit;
    }

    private void count(String counter) {
        injected.merge(counter, 1, Integer::sum);
    }
}
