package dev.sundown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.e2e.Stack.Service;
import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The soak: a large fleet of Jupyter servers in the simulator, activity churning for a long time, and figures recorded
 * (memory of each service, consumer lag, shutdowns) in {@code target/soak-report.md}. Not part of CI:
 * {@code mvn -B verify -Psoak [-Dsoak.minutes=30 -Dsoak.targets=5000 -Dsoak.kernels-each=4]}.
 *
 * <p>Each target is one app (a self-managed Jupyter server, app key {@code jupyter/soak-NNNN}) with its kernels idle
 * from the start and busy 30 s of every 5 min; every churn step adds idle kernels to random targets and touches
 * others, so shutdowns keep coming due for the whole run. At the end no idle kernel may be overdue.
 */
class SoakIT {

    private static final int MINUTES = Integer.getInteger("soak.minutes", 30);
    private static final int TARGETS = Integer.getInteger("soak.targets", 5000);
    private static final int KERNELS_EACH = Integer.getInteger("soak.kernels-each", 4);
    private static final Duration LIMIT = Duration.parse(System.getProperty("soak.idle-limit", "PT3M"));
    private static final Duration WARN = Duration.ofSeconds(30);
    /** The collector's default: 5,000 servers x 4 requests every 60 s on the same machine as the simulator. */
    private static final Duration POLL = Duration.parse(System.getProperty("soak.poll-interval", "PT60S"));
    private static final Duration SAMPLE = Duration.ofSeconds(30);
    private static final String TOKEN = "soak-token-" + Long.toHexString(new Random().nextLong());

    @Test
    void shouldKeepUpWithAChurningFleetWithoutGrowingMemoryOrLag() throws Exception {
        Path dir = Files.createDirectories(Stack.repository().resolve("e2e-tests/target/soak"));
        Path world = dir.resolve("soak-world.yaml");
        Files.writeString(world, """
                timeScale: 1
                snsTopics: [sundown-alerts]
                domains:
                  - id: d-e2e00000001
                    userProfiles:
                      - name: admin
                        apps:
                          - {type: JupyterServer, name: default}
                targets:
                  - generate:
                      count: %d
                      namePrefix: soak-
                      token: %s
                      kernelsEach: %d
                      terminalsEach: 0
                      idleSince: 0s
                      busyEvery: 5m
                      busyDuration: 30s
                """.formatted(TARGETS, TOKEN, KERNELS_EACH));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= TARGETS; i++) {
            names.add("soak-" + String.format(java.util.Locale.ROOT, "%04d", i));
        }
        Path targetsFile = dir.resolve("soak-targets.properties");
        StringBuilder props = new StringBuilder();
        // the simulator's base URL is known only once it runs: every service gets it as sundown.e2e.simulator-url
        for (String n : names) {
            props.append("sundown.collector.jupyter.targets.").append(n)
                    .append(".url=${sundown.e2e.simulator-url}/targets/").append(n).append('\n');
            props.append("sundown.collector.jupyter.targets.").append(n).append(".token=").append(TOKEN).append('\n');
            props.append("sundown.executor.jupyter.targets.").append(n)
                    .append(".url=${sundown.e2e.simulator-url}/targets/").append(n).append('\n');
            props.append("sundown.executor.jupyter.targets.").append(n).append(".token=").append(TOKEN).append('\n');
        }
        Files.writeString(targetsFile, props);

        Map<Service, Map<String, String>> overrides = new EnumMap<>(Service.class);
        String locations = "quarkus.config.locations";
        overrides.put(Service.COLLECTOR, Map.of(locations, targetsFile.toUri().toString(),
                "sundown.collector.poll-interval", POLL.toString(), "sundown.collector.jitter", "0.3",
                "sundown.collector.concurrency", "64", "sundown.collector.request-timeout", "PT10S",
                "sundown.collector.studio.enabled", "false"));
        overrides.put(Service.EXECUTOR, Map.of(locations, targetsFile.toUri().toString()));
        overrides.put(Service.EVALUATOR, Map.of(
                "sundown.evaluator.default-policy.idle-limit", LIMIT.toString(),
                "sundown.evaluator.default-policy.warn-before", WARN.toString(),
                "sundown.evaluator.poll-interval", POLL.toString(),
                "sundown.evaluator.staleness-window", POLL.multipliedBy(4).toString(),
                "sundown.evaluator.punctuation-interval", "PT1S"));
        overrides.put(Service.NOTIFIER, Map.of("sundown.notifier.slack.enabled", "false"));

        try (Stack stack = SoakStack.start(world, overrides)) {
            String sim = stack.simulator().baseUrl();
            Random random = new Random(7);
            List<Map<String, Object>> samples = new ArrayList<>();
            Instant start = Instant.now();
            Instant end = start.plus(Duration.ofMinutes(MINUTES));
            int added = 0;
            while (Instant.now().isBefore(end)) {
                // churn: new idle kernels on random targets, activity on others
                for (int i = 0; i < Math.max(1, TARGETS / 100); i++) {
                    String t = names.get(random.nextInt(names.size()));
                    Http.post(sim + "/_sim/targets/" + t + "/kernels", "{\"idleSince\": \"0s\"}");
                    added++;
                }
                samples.add(sample(stack, start));
                Instant next = Instant.now().plus(SAMPLE);
                await().pollDelay(Duration.between(Instant.now(), next).isNegative() ? Duration.ZERO
                        : Duration.between(Instant.now(), next)).atMost(SAMPLE.plusSeconds(5)).until(() -> true);
            }
            // let the last added kernels come due, then count what is overdue
            Duration drain = LIMIT.plus(WARN).plus(POLL.multipliedBy(3)).plusSeconds(30);
            await().pollDelay(drain).atMost(drain.plusSeconds(10)).until(() -> true);
            samples.add(sample(stack, start));
            int overdue = overdueKernels(sim, names);
            List<ShutdownCommand> commands = Trail.data(Topics.SHUTDOWN_COMMANDS, ShutdownCommand.class);
            List<ShutdownResult> results = Trail.data(Topics.SHUTDOWN_RESULTS, ShutdownResult.class);
            Map<Outcome, Long> byOutcome = new java.util.TreeMap<>();
            results.forEach(r -> byOutcome.merge(r.outcome(), 1L, Long::sum));
            Set<String> commandIds = new HashSet<>();
            commands.forEach(c -> commandIds.add(c.commandId()));
            Map<String, Integer> resultCount = new HashMap<>();
            results.forEach(r -> resultCount.merge(r.commandId(), 1, Integer::sum));
            long withoutResult = commandIds.stream().filter(id -> !resultCount.containsKey(id)).count();
            long duplicated = resultCount.values().stream().filter(n -> n > 1).count();

            String report = report(samples, added, commands.size(), results.size(), byOutcome, withoutResult, duplicated,
                    overdue);
            Files.writeString(dir.resolve("soak-report.md"), report);
            System.out.println(report);

            assertThat(overdue).as("idle kernels overdue at the end").isZero();
            assertThat(withoutResult).as("commands without a result").isZero();
            assertThat(duplicated).as("commands with more than one result").isZero();
            assertBounded(samples);
        }
    }

    /** The memory of each service and the lag of each consumer group now. */
    private static Map<String, Object> sample(Stack stack, Instant start) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("minute", Duration.between(start, Instant.now()).toSeconds() / 60.0);
        for (Service service : Service.values()) {
            s.put(service.module + ".rssMiB", rssMiB(stack.pid(service)));
            s.put(service.module + ".heapMiB", heapMiB(stack.url(service)));
        }
        try (Admin admin = stack.broker().admin()) {
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null && ends.containsKey(e.getKey())) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                s.put("lag." + g.groupId(), lag);
            }
        }
        return s;
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long heapMiB(String url) {
        Http.Reply metrics = Http.get(url + "/q/metrics");
        double bytes = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(bytes / (1024 * 1024));
    }

    /** Kernels that are idle, not busy, and idle for longer than the limit plus the time to act: missed shutdowns. */
    private static int overdueKernels(String sim, List<String> names) {
        Instant cutoff = Instant.now().minus(LIMIT).minus(WARN).minus(POLL.multipliedBy(3)).minusSeconds(30);
        int overdue = 0;
        for (String n : names) {
            JsonNode server = Http.get(sim + "/_sim/targets/" + n).json();
            for (JsonNode k : server.path("kernels")) {
                String state = k.path("execution_state").asText();
                Instant last = Instant.parse(k.path("last_activity").asText());
                if ("idle".equals(state) && last.isBefore(cutoff)) {
                    overdue++;
                }
            }
        }
        return overdue;
    }

    /**
     * No service's memory keeps growing: the last third of the run stays within 1.5x the middle third's peak. No
     * consumer group's lag keeps growing: its peak in the last third stays within 1.5x the middle third's peak (or
     * within one poll of the fleet's records, 4 per server, when the middle third was quieter than that).
     */
    private static void assertBounded(List<Map<String, Object>> samples) {
        if (samples.size() < 6) {
            return;
        }
        int third = samples.size() / 3;
        Set<String> lagKeys = new TreeSet<>();
        samples.forEach(m -> m.keySet().stream().filter(k -> k.startsWith("lag.")).forEach(lagKeys::add));
        for (String key : lagKeys) {
            long middle = samples.subList(third, 2 * third).stream()
                    .mapToLong(m -> ((Number) m.getOrDefault(key, 0L)).longValue()).max().orElse(0);
            long last = samples.subList(2 * third, samples.size()).stream()
                    .mapToLong(m -> ((Number) m.getOrDefault(key, 0L)).longValue()).max().orElse(0);
            assertThat(last).as("%s in the last third vs 1.5 x the middle third's %d", key, middle)
                    .isLessThanOrEqualTo(Math.max(Math.round(middle * 1.5), 4L * TARGETS));
        }
        for (Service s : Service.values()) {
            String key = s.module + ".rssMiB";
            long middle = samples.subList(third, 2 * third).stream().mapToLong(m -> (Long) m.get(key)).max()
                    .orElse(0);
            long last = samples.subList(2 * third, samples.size()).stream().mapToLong(m -> (Long) m.get(key)).max()
                    .orElse(0);
            assertThat(last).as("%s RSS in the last third (MiB) vs 1.5 x the middle third's %d", s.module, middle)
                    .isLessThanOrEqualTo(Math.round(middle * 1.5));
        }
    }

    private static String report(List<Map<String, Object>> samples, int added, int commands, int results,
                                 Map<Outcome, Long> byOutcome, long withoutResult, long duplicated,
                                 int overdue) {
        StringBuilder r = new StringBuilder("# Soak report\n\n");
        r.append("- fleet: ").append(TARGETS).append(" targets x ").append(KERNELS_EACH).append(" kernels = ")
                .append(TARGETS * KERNELS_EACH).append(" kernels at start, ").append(added)
                .append(" added by churn\n");
        r.append("- run: ").append(MINUTES).append(" min, idle limit ").append(LIMIT).append(", poll ").append(POLL)
                .append('\n');
        r.append("- commands: ").append(commands).append(", results: ").append(results).append(" (by outcome: ")
                .append(byOutcome).append("), commands without a result: ").append(withoutResult)
                .append(", with more than one: ").append(duplicated).append(", idle kernels overdue at the end: ")
                .append(overdue).append("\n\n");
        List<String> columns = new ArrayList<>(samples.get(samples.size() - 1).keySet());
        r.append("| ").append(String.join(" | ", columns)).append(" |\n");
        r.append("|").append(" --- |".repeat(columns.size())).append('\n');
        for (Map<String, Object> s : samples) {
            r.append("| ");
            for (String c : columns) {
                Object v = s.get(c);
                r.append(v instanceof Double d ? String.format("%.1f", d) : String.valueOf(v)).append(" | ");
            }
            r.append('\n');
        }
        return r.toString();
    }

    /** The stack for the soak: a bigger heap, and the simulator's address handed to the targets file. */
    private static final class SoakStack {
        static Stack start(Path world, Map<Service, Map<String, String>> overrides) {
            return Stack.start("soak", world, Map.of(), overrides, "768m");
        }
    }
}
