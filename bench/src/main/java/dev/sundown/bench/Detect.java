package dev.sundown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Detection latency, side by side: the same workload on two real Jupyter Servers, one culled by its own
 * {@code MappingKernelManager} culler, the other watched by Sundown as a static target. N kernels per server are
 * made busy ({@code time.sleep}) so that kernel i goes idle at a known time, spread over one cull interval; its
 * socket is then closed. Every 100 ms both servers' {@code /api/kernels?no_track_activity=1} are read; a kernel's
 * delay is the time from its idle deadline ({@code last_activity} + limit) to the first read without it. For
 * Sundown the command and result records are read back from the broker too (deadline to command, deadline to result).
 */
final class Detect {

    private Detect() {
    }

    private record Pair(String a, String b, Jupyter.Channels ca, Jupyter.Channels cb) {
    }

    private static final class Seen {
        Instant lastActivity;
        Instant goneAt;
    }

    static void run(Args args) throws Exception {
        Jupyter culler = new Jupyter("culler", args.text("culler-url"), args.text("culler-token"));
        Jupyter sundown = new Jupyter("sundown", args.text("sundown-url"), args.text("sundown-token"));
        int n = args.integer("kernels", 10);
        Duration limit = args.seconds("limit", 20);
        Duration cullInterval = args.seconds("cull-interval", 300);
        Duration timeout = args.seconds("timeout", 900);

        Map<String, Instant> commandAt = new ConcurrentHashMap<>();
        Map<String, Instant> commandDeadline = new ConcurrentHashMap<>();
        Map<String, Instant> resultAt = new ConcurrentHashMap<>();
        Map<String, String> outcome = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread trail = new Thread(() -> readTrail(args.text("bootstrap"), stop, commandAt, commandDeadline,
                resultAt, outcome), "trail");
        trail.setDaemon(true);
        trail.start();

        // Kernels: the culler's periodic callback starts with its server's first kernel.
        Instant t0 = Instant.now();
        List<String> idsA = new ArrayList<>();
        List<String> idsB = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // one pair at a time: twenty kernels booting at once on two cores time out their websockets
            idsA.add(culler.startKernel());
            idsB.add(sundown.startKernel());
            pairs.add(new Pair(idsA.get(i), idsB.get(i), culler.connect(idsA.get(i)), sundown.connect(idsB.get(i))));
        }
        Instant ready = Instant.now();
        long setup = Duration.between(t0, ready).toMillis();
        long span = cullInterval.toMillis() - limit.toMillis() - setup - 8_000;
        long spacing = Math.max(500, span / n);
        Out.say("%d kernels per server ready %.1f s after the first; idle times spaced %.1f s apart", n,
                setup / 1000.0, spacing / 1000.0);
        Out.info("kernels went idle", String.format(java.util.Locale.ROOT, "%.1f s apart (kernel i at first + i × %.1f s)", spacing / 1000.0, spacing / 1000.0));
        Instant firstIdle = ready.plusSeconds(3);
        for (int i = 0; i < n; i++) {
            Instant idleAt = firstIdle.plusMillis(i * spacing);
            Pair p = pairs.get(i);
            for (Jupyter.Channels c : List.of(p.ca(), p.cb())) {
                double sleep = Math.max(0.1, Duration.between(Instant.now(), idleAt).toMillis() / 1000.0);
                CompletableFuture<Instant> idle = c.execute("import time; time.sleep(" + sleep + ")");
                idle.thenRun(c::close);
            }
        }

        Map<String, Seen> seenA = new ConcurrentHashMap<>();
        Map<String, Seen> seenB = new ConcurrentHashMap<>();
        idsA.forEach(id -> seenA.put(id, new Seen()));
        idsB.forEach(id -> seenB.put(id, new Seen()));
        long until = System.nanoTime() + timeout.toNanos();
        long allGoneAt = 0;
        while (System.nanoTime() < until) {
            boolean doneA = watch(culler, seenA);
            boolean doneB = watch(sundown, seenB);
            if (doneA && doneB) {
                allGoneAt = allGoneAt == 0 ? System.nanoTime() : allGoneAt;
                // the last results may still be on their way
                if (resultAt.keySet().containsAll(idsB) || System.nanoTime() - allGoneAt > 15_000_000_000L) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        Thread.sleep(500);
        stop.set(true);

        List<Double> delayA = delays("culler", seenA, limit, idsA);
        List<Double> delayB = delays("sundown", seenB, limit, idsB);
        List<Double> toCommand = new ArrayList<>();
        List<Double> toResult = new ArrayList<>();
        for (String id : idsB) {
            Seen s = seenB.get(id);
            if (s.lastActivity == null) {
                continue;
            }
            Instant deadline = s.lastActivity.plus(limit);
            if (commandAt.containsKey(id)) {
                toCommand.add(Duration.between(deadline, commandAt.get(id)).toMillis() / 1000.0);
                Out.say("sundown kernel %s: evaluator deadline %s, measured %s", id, commandDeadline.get(id),
                        deadline);
            }
            if (resultAt.containsKey(id)) {
                toResult.add(Duration.between(deadline, resultAt.get(id)).toMillis() / 1000.0);
                Out.say("sundown kernel %s: result %s", id, outcome.get(id));
            }
        }
        report("culler_delay", delayA, n);
        report("sundown_delay", delayB, n);
        report("deadline_to_command", toCommand, n);
        report("deadline_to_result", toResult, n);
        Stats a = Stats.of(delayA);
        Stats b = Stats.of(delayB);
        if (a.count() > 0 && b.count() > 0) {
            Out.result("delay_ratio_median", a.median() / b.median(), "x");
        }
    }

    /** Reads one listing; returns true when every tracked kernel is gone. */
    private static boolean watch(Jupyter server, Map<String, Seen> seen) {
        Map<String, JsonNode> now;
        try {
            now = server.kernels();
        } catch (RuntimeException e) {
            Out.say("%s: %s", server.name, e.getMessage());
            return false;
        }
        Instant at = Instant.now();
        boolean all = true;
        for (var e : seen.entrySet()) {
            JsonNode k = now.get(e.getKey());
            if (k != null) {
                e.getValue().lastActivity = Instant.parse(k.path("last_activity").asText());
                all = false;
            } else if (e.getValue().goneAt == null) {
                e.getValue().goneAt = at;
            }
        }
        return all;
    }

    private static List<Double> delays(String who, Map<String, Seen> seen, Duration limit, List<String> order) {
        List<Double> out = new ArrayList<>();
        for (String id : order) {
            Seen s = seen.get(id);
            if (s.goneAt == null || s.lastActivity == null) {
                Out.say("%s kernel %s: not gone before the timeout", who, id);
                continue;
            }
            double d = Duration.between(s.lastActivity.plus(limit), s.goneAt).toMillis() / 1000.0;
            Out.say("%s kernel %s: idle since %s, gone %s, %.2f s after its deadline", who, id, s.lastActivity,
                    s.goneAt, d);
            out.add(d);
        }
        return out;
    }

    private static void report(String metric, List<Double> values, int expected) {
        Stats s = Stats.of(values);
        Out.result(metric + "_count", s.count(), "kernels of " + expected);
        if (s.count() == 0) {
            return;
        }
        Out.result(metric + "_median", s.median(), "s");
        Out.result(metric + "_p99", s.p99(), "s");
        Out.result(metric + "_max", s.max(), "s");
        Out.result(metric + "_min", s.min(), "s");
    }

    private static void readTrail(String bootstrap, AtomicBoolean stop, Map<String, Instant> commandAt,
                                  Map<String, Instant> commandDeadline, Map<String, Instant> resultAt,
                                  Map<String, String> outcome) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        EventCodec codec = EventCodec.standard();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(Topics.SHUTDOWN_COMMANDS.name(), Topics.SHUTDOWN_RESULTS.name())) {
                consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (!stop.get()) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    CloudEvent<EventData> e;
                    try {
                        e = codec.decode(r.value());
                    } catch (RuntimeException ex) {
                        continue;
                    }
                    Instant at = Instant.ofEpochMilli(r.timestamp());
                    if (e.data() instanceof ShutdownCommand c && c.resource().kind() == ResourceKind.KERNEL) {
                        commandAt.putIfAbsent(c.resource().id(), at);
                        commandDeadline.putIfAbsent(c.resource().id(), c.deadline());
                    } else if (e.data() instanceof ShutdownResult s && s.resource().kind() == ResourceKind.KERNEL) {
                        resultAt.putIfAbsent(s.resource().id(), at);
                        outcome.putIfAbsent(s.resource().id(), s.outcome().wire());
                    }
                }
            }
        }
    }
}
