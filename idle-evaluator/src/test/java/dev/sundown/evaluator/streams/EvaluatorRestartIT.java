package dev.sundown.evaluator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.domain.PriceTable;
import dev.sundown.evaluator.support.Events;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.Topics;
import dev.sundown.testsupport.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topology on a real broker, stopped in the middle of a stream and started again on an empty state directory
 * (so its state comes back from the changelogs): deadlines set before the restart still fire, and no command is
 * lost or duplicated.
 */
class EvaluatorRestartIT {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private final KafkaBroker broker = KafkaBroker.shared();
    private final String applicationId = "evaluator-restart-" + UUID.randomUUID();
    private final List<Path> stateDirs = new ArrayList<>();
    private KafkaStreams streams;

    private KafkaStreams start() throws IOException {
        Path dir = Files.createTempDirectory("evaluator-restart");
        stateDirs.add(dir);
        EffectivePolicy defaults = new EffectivePolicy(List.of("config"), LIMIT, Duration.ofSeconds(5), false, null,
                true, true, true, false);
        EvaluatorSettings settings = new EvaluatorSettings(new IdleRules(Duration.ofMinutes(5), Duration.ofDays(1),
                new PriceTable(PriceTable.DEFAULTS)), new PolicyResolver(defaults), Duration.ofMillis(200));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10000);
        KafkaStreams ks = new KafkaStreams(EvaluatorTopology.build(settings, Clock.systemUTC()), props);
        ks.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> ks.state() == KafkaStreams.State.RUNNING);
        return ks;
    }

    @AfterEach
    void stop() throws IOException {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        for (Path dir : stateDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void observeIdle(AppKey app, Instant idleSince) {
        Instant now = Instant.now();
        broker.sendEvent(Topics.KERNEL_ACTIVITY, app.toString(), Events.envelope(
                Events.kernel(app, "k1", ExecutionState.IDLE, idleSince, now), now));
        broker.sendEvent(Topics.APP_ACTIVITY, app.toString(), Events.envelope(
                Events.app(app, List.of("k1"), List.of(), now), now));
    }

    @Test
    void shouldFireDeadlinesSetBeforeRestartExactlyOnce() throws IOException {
        broker.createSundownTopics();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<AppKey> before = new ArrayList<>();
        List<AppKey> after = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(AppKey.studio("d-restart", "before-" + run, AppType.KernelGateway, "app-" + i));
            after.add(AppKey.studio("d-restart", "after-" + run, AppType.KernelGateway, "app-" + i));
        }

        // given ten idle apps tracked by a running evaluator
        streams = start();
        Instant firstIdle = Instant.now();
        before.forEach(app -> observeIdle(app, firstIdle));
        KafkaStreams first = streams;
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ReadOnlyKeyValueStore<String, AppState> store = first.store(StoreQueryParameters.fromNameAndType(
                    EvaluatorTopology.APP_STORE, QueryableStoreTypes.keyValueStore()));
            return before.stream().allMatch(app -> store.get(app.toString()) != null);
        });

        // when the evaluator stops, and starts again with an empty state directory, while more activity arrives
        streams.close(Duration.ofSeconds(30));
        streams = null;
        Instant secondIdle = Instant.now();
        after.forEach(app -> observeIdle(app, secondIdle));
        before.subList(0, 5).forEach(app -> observeIdle(app, firstIdle)); // replays of earlier observations
        streams = start();

        // then every app, from before and after the restart, gets exactly one command
        List<ShutdownCommand> commands = awaitCommands(20, Duration.ofSeconds(90), run);
        Map<String, Long> perApp = commands.stream().collect(Collectors.groupingBy(c -> c.appKey().toString(),
                Collectors.counting()));
        assertThat(perApp).hasSize(20).allSatisfy((app, count) -> assertThat(count).as(app).isEqualTo(1));
        assertThat(commands).filteredOn(c -> c.appKey().owner().startsWith("before"))
                .allSatisfy(c -> assertThat(c.idleSince()).isEqualTo(firstIdle));

        // and no more commands come later
        List<ShutdownCommand> later = commandsOf(broker.readAll(Topics.SHUTDOWN_COMMANDS.name(),
                Duration.ofSeconds(3), 0), run);
        assertThat(later).hasSize(20);
    }

    @Test
    void shouldHaveEveryStateItsCommittedInputDerivedInTheChangelog() throws Exception {
        // The app states written since the last commit wait as objects until Kafka Streams flushes its caches before
        // committing: if it ever committed the input without them, a crash would lose them with no trace.
        broker.createSundownTopics();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<AppKey> apps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            apps.add(AppKey.studio("d-changelog", "owner-" + run, AppType.KernelGateway, "app-" + i));
        }
        streams = start();

        // given three polls of fifty busy apps, each poll finding one more kernel
        for (int poll = 1; poll <= 3; poll++) {
            for (AppKey app : apps) {
                broker.sendEvent(Topics.KERNEL_ACTIVITY, app.toString(), Events.envelope(Events.kernel(app,
                        "k" + poll, ExecutionState.BUSY, Instant.now(), Instant.now()), Instant.now()));
            }
        }

        // when the evaluator has committed all of its input
        awaitCommittedToTheEnd();

        // then the changelog (what a new instance restores from) holds each app's state after the third poll
        String changelog = applicationId + "-" + EvaluatorTopology.APP_STORE + "-changelog";
        var deserializer = new AppStateSerde().deserializer();
        Map<String, AppState> last = new java.util.HashMap<>();
        broker.readToEnd(changelog, Duration.ofSeconds(30)).forEach(r ->
                last.put(r.key(), r.value() == null ? null : deserializer.deserialize(changelog, r.value())));
        assertThat(apps).allSatisfy(app -> {
            AppState state = last.get(app.toString());
            assertThat(state).as(app.toString()).isNotNull();
            assertThat(state.kernels()).containsOnlyKeys("k1", "k2", "k3");
        });
    }

    private void awaitCommittedToTheEnd() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (var admin = broker.admin()) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask =
                    new java.util.HashMap<>();
            for (var d : admin.describeTopics(List.of(EvaluatorTopology.KERNEL_TOPIC, EvaluatorTopology.APP_TOPIC,
                    EvaluatorTopology.TERMINAL_TOPIC)).allTopicNames().get().values()) {
                d.partitions().forEach(p -> ask.put(new org.apache.kafka.common.TopicPartition(d.name(),
                        p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(ask).all().get();
            var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue().offset());
            }
        });
    }

    private List<ShutdownCommand> awaitCommands(int expected, Duration atMost, String run) {
        List<ShutdownCommand> found = new ArrayList<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            found.addAll(commandsOf(broker.readAll(Topics.SHUTDOWN_COMMANDS.name(), Duration.ofMillis(500), 0), run));
            return found.size() >= expected;
        });
        return found;
    }

    private static List<ShutdownCommand> commandsOf(List<ConsumerRecord<String, byte[]>> records, String run) {
        Function<ConsumerRecord<String, byte[]>, ShutdownCommand> decode = r -> EventCodec.standard()
                .decode(r.value(), ShutdownCommand.class).data();
        return records.stream().map(decode).filter(c -> c.appKey().owner().endsWith(run)).toList();
    }
}
