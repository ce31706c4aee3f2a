package dev.sundown.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.executor.Commands;
import dev.sundown.testsupport.KafkaBroker;
import dev.sundown.testsupport.StudioSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged executor as its own JVM against the real broker and the studio-simulator: what only a real process
 * shows (a SIGKILL between an action and its result) and settings the other tests do not run with (global dry-run,
 * the production rate limit towards SageMaker).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorProcessIT {

    private static final Duration IDLE_LIMIT = Duration.ofMinutes(1);
    private static final String CRASH = "d-crash000001";
    private static final String DRY_RUN = "d-dryrun00001";
    private static final String BUSY = "d-busy0000001";
    private static final String CALM = "d-calm0000001";
    private static final String DRY_KERNEL = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
    /** The production default, set explicitly so the test says what it measures. */
    private static final double CALLS_PER_SECOND = 2;
    private static final int BURST = 2;

    private static KafkaBroker broker;
    private static StudioSimulator studio;
    private static SimulatorAdmin simulator;
    private static Trail trail;
    /** The executor of the group {@code sundown-shutdown-executor}, started by the first test that needs it. */
    private static ExecutorProcess executor;

    private final List<ShutdownCommand> sent = new ArrayList<>();

    @BeforeAll
    static void startWorld() {
        broker = KafkaBroker.shared();
        broker.createSundownTopics();
        studio = StudioSimulator.builder()
                .world(Path.of("src/test/resources/process-world.yaml"))
                .property("simulator.sagemaker.delete-delay", "1s")
                .property("simulator.sagemaker.health-check-interval", "1h")
                .start();
        simulator = new SimulatorAdmin(studio.baseUrl());
        trail = new Trail(broker);
    }

    @AfterAll
    static void stopWorld() {
        if (executor != null) {
            executor.close();
        }
        if (trail != null) {
            trail.close();
        }
        if (studio != null) {
            studio.close();
        }
    }

    @AfterEach
    void everyCommandHasExactlyOneResult() {
        simulator.clearFaults();
        for (ShutdownCommand command : sent) {
            assertThat(trail.resultsOf(command.commandId())).as("results of " + command.commandId()).hasSize(1);
        }
    }

    @Test
    @Order(1)
    void shouldOnlyReportWhatItWouldStopInGlobalDryRun() {
        Map<String, String> settings = settings();
        settings.put("sundown.executor.dry-run", "true");
        settings.put("sundown.executor.sagemaker.calls-per-second", "50");
        // A group of its own: the main executor never sees these commands before their results exist.
        settings.put("mp.messaging.incoming.commands.group.id", "sundown-shutdown-executor-dry-run");
        try (ExecutorProcess dryRun = ExecutorProcess.start("dry-run", settings)) {
            Instant kernelActivity = Instant.parse(simulator.kernel(DRY_RUN, "dina", DRY_KERNEL).orElseThrow()
                    .path("last_activity").asText());
            ShutdownCommand kernel = Commands.command(AppKey.studio(DRY_RUN, "dina", AppType.KernelGateway,
                    "kg-dry-kernels"), OwnerKind.USER_PROFILE, ResourceKind.KERNEL, DRY_KERNEL, kernelActivity, false,
                    IDLE_LIMIT);
            ShutdownCommand app = appCommand(DRY_RUN, "dina", "kg-dry-app");

            ShutdownResult kernelResult = send(kernel);
            ShutdownResult appResult = send(app);

            assertThat(kernelResult.outcome()).isEqualTo(Outcome.SKIPPED_DRY_RUN);
            assertThat(kernelResult.detail()).isEqualTo("dry run: would delete kernel " + DRY_KERNEL
                    + " on studio/" + DRY_RUN + "/dina");
            assertThat(appResult.outcome()).isEqualTo(Outcome.SKIPPED_DRY_RUN);
            assertThat(appResult.detail()).isEqualTo("dry run: would DeleteApp " + app.appKey());
            assertThat(List.of(kernelResult.attempts(), appResult.attempts())).containsOnly(0);
            assertThat(simulator.kernel(DRY_RUN, "dina", DRY_KERNEL)).isPresent();
            assertThat(simulator.appStatus(DRY_RUN, "dina", "kg-dry-app")).isEqualTo("InService");
            assertThat(simulator.deleteAppCallsOf("kg-dry-app")).isZero();
            // Dry-run is not a shortcut: the app was re-validated through its owner's front door.
            assertThat(simulator.studioLoginsOf("dina")).isPositive();
        }
    }

    @Test
    @Order(2)
    void shouldKeepEachDomainWithinItsOwnSageMakerRateLimit() {
        // Commands for apps that are gone cost one DescribeApp each. All are on one partition, in this order, and
        // waiting before the executor starts: they are handled back to back, and only the rate limit spaces their
        // calls out.
        int partition = partitionOf(AppKey.studio(BUSY, "rita", AppType.KernelGateway, "kg-gone-1"));
        List<ShutdownCommand> busyCommands = goneAppsOn(partition, BUSY, "rita", 6);
        List<ShutdownCommand> calmCommands = goneAppsOn(partition, CALM, "rob", BURST);
        // The first SageMaker call of a process is slow (client start-up): a command of another domain takes it.
        List<ShutdownCommand> warmUp = goneAppsOn(partition, DRY_RUN, "dina", 1);
        stopExecutor();
        warmUp.forEach(this::sendOnly);
        busyCommands.forEach(this::sendOnly);
        calmCommands.forEach(this::sendOnly);

        executor();
        sent.forEach(command -> assertThat(trail.awaitResult(command).outcome()).isEqualTo(Outcome.ALREADY_GONE));

        List<Instant> busy = callTimes(BUSY);
        List<Instant> calm = callTimes(CALM);
        assertThat(busy).hasSize(6);
        assertThat(calm).hasSize(BURST);
        assertWithinRate(BUSY, busy);
        // The calm domain's commands came right after the busy domain's last call. Had they shared its bucket, their
        // calls would have waited for its next tokens: 0.5 s and 1 s after that call. The bound leaves the three
        // steps in between (a result, a command, a DescribeApp) room on a slow machine.
        Instant lastBusy = busy.get(busy.size() - 1);
        assertThat(Duration.between(lastBusy, calm.get(calm.size() - 1)))
                .as("calm domain's calls after the busy domain's last call at %s: %s", lastBusy, calm)
                .isLessThan(Duration.ofMillis(850));
    }

    @Test
    @Order(3)
    void shouldReportAlreadyGoneAfterBeingKilledBetweenDeleteAppAndItsResult() {
        ExecutorProcess running = executor();
        // SageMaker applies the DeleteApp and records it, then holds the answer back for a minute.
        simulator.faults("{\"sagemaker\":{\"DeleteApp\":{\"answerDelayMs\":60000}}}");
        ShutdownCommand command = appCommand(CRASH, "ivan", "kg-crash");

        sendOnly(command);
        await("DeleteApp applied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> simulator.deleteAppsOf("kg-crash") == 1);
        assertThat(running.isAlive()).isTrue();
        assertThat(trail.resultsOf(command.commandId())).as("no result while DeleteApp is unanswered").isEmpty();
        running.kill9();
        simulator.clearFaults();
        running.restart();

        ShutdownResult result = trail.awaitResult(command);
        // A later command on the same partition has its result only after any re-delivery of the first.
        ShutdownCommand marker = Commands.command(command.appKey(), OwnerKind.USER_PROFILE, ResourceKind.APP,
                "kg-crash", command.lastActivity().minusSeconds(1), true, IDLE_LIMIT);
        send(marker);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_GONE);
        assertThat(result.detail()).contains("kg-crash");
        assertThat(trail.resultsOf(command.commandId())).singleElement();
        assertThat(simulator.deleteAppCallsOf("kg-crash")).isEqualTo(1);
        assertThat(simulator.appStatus(CRASH, "ivan", "kg-crash")).isIn("Deleting", "Deleted");
    }

    private static void stopExecutor() {
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }

    /** The main executor, started when first needed. */
    private static ExecutorProcess executor() {
        if (executor == null) {
            Map<String, String> settings = settings();
            settings.put("sundown.executor.sagemaker.calls-per-second", String.valueOf(CALLS_PER_SECOND));
            settings.put("sundown.executor.request-timeout", "PT30S");
            // Static membership: a restarted executor takes its partitions back at once instead of waiting for the
            // killed one's session to time out.
            settings.put("mp.messaging.incoming.commands.group.instance.id", "executor-process-it");
            executor = ExecutorProcess.start("main", settings);
        }
        return executor;
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
        settings.put("sundown.executor.sagemaker.endpoint-override", studio.baseUrl());
        settings.put("sundown.executor.sagemaker.access-key-id", "test");
        settings.put("sundown.executor.sagemaker.secret-access-key", "test");
        return settings;
    }

    /** The partition of the command topic a key goes to (Kafka's default partitioner). */
    private static int partitionOf(AppKey key) {
        byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(bytes)) % Topics.SHUTDOWN_COMMANDS.partitions();
    }

    /** Commands for {@code count} apps of an owner that do not exist, whose keys go to {@code partition}. */
    private static List<ShutdownCommand> goneAppsOn(int partition, String domainId, String owner, int count) {
        List<ShutdownCommand> commands = new ArrayList<>();
        for (int i = 1; commands.size() < count; i++) {
            ShutdownCommand command = appCommand(domainId, owner, "kg-gone-" + i);
            if (partitionOf(command.appKey()) == partition) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** DescribeApp calls towards a domain, in the order the simulator received them. */
    private static List<Instant> callTimes(String domainId) {
        return simulator.sageMakerCalls(null).stream()
                .filter(c -> domainId.equals(c.path("request").path("DomainId").asText()))
                .map(ExecutorProcessIT::time)
                .sorted()
                .toList();
    }

    private static Instant time(JsonNode call) {
        JsonNode time = call.path("time");
        if (time.isNumber()) {
            return Instant.ofEpochSecond(0, time.decimalValue().movePointRight(9).longValue());
        }
        return Instant.parse(time.asText());
    }

    /**
     * Any {@code n} consecutive calls take at least {@code (n - burst) / rate}, less 150 ms for differences in the
     * time between the executor taking a token and the simulator recording the call.
     */
    private static void assertWithinRate(String domainId, List<Instant> times) {
        for (int i = 0; i < times.size(); i++) {
            for (int j = i + BURST; j < times.size(); j++) {
                int calls = j - i + 1;
                Duration least = Duration.ofMillis((long) ((calls - BURST) / CALLS_PER_SECOND * 1000) - 150);
                assertThat(Duration.between(times.get(i), times.get(j)))
                        .as("%d calls towards %s from %s to %s", calls, domainId, times.get(i), times.get(j))
                        .isGreaterThanOrEqualTo(least);
            }
        }
    }

    private ShutdownResult send(ShutdownCommand command) {
        sendOnly(command);
        return trail.awaitResult(command);
    }

    private void sendOnly(ShutdownCommand command) {
        trail.send(command);
        sent.add(command);
    }

    /** A DeleteApp command whose idle period (and so its id) is new on every call. */
    private static ShutdownCommand appCommand(String domainId, String owner, String app) {
        return Commands.command(AppKey.studio(domainId, owner, AppType.KernelGateway, app), OwnerKind.USER_PROFILE,
                ResourceKind.APP, app, Instant.now().minus(IDLE_LIMIT.multipliedBy(2)), false, IDLE_LIMIT);
    }
}
