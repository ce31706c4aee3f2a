package dev.sundown.evaluator.support;

import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.domain.PriceTable;
import dev.sundown.evaluator.streams.EvaluatorSettings;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The evaluator topology under {@link TopologyTestDriver}, with a clock the test moves: {@link #advance} moves
 * both the decision clock and the wall-clock punctuation. Everything written is collected in order.
 */
public final class EvaluatorDriver implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    public static final EffectivePolicy DEFAULTS = new EffectivePolicy(List.of("config"), Duration.ofMinutes(120),
            Duration.ofMinutes(15), false, null, true, true, true, false);

    private final MutableClock clock = new MutableClock(T0);
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> kernels;
    private final TestInputTopic<String, byte[]> terminals;
    private final TestInputTopic<String, byte[]> apps;
    private final TestInputTopic<String, byte[]> policies;
    private final TestOutputTopic<String, byte[]> commandOut;
    private final TestOutputTopic<String, byte[]> noticeOut;
    private final TestOutputTopic<String, byte[]> complianceOut;
    private final TestOutputTopic<String, byte[]> deadLetterOut;
    public final List<Written<ShutdownCommand>> commands = new ArrayList<>();
    public final List<Written<ShutdownWarning>> warnings = new ArrayList<>();
    public final List<Written<ComplianceFinding>> findings = new ArrayList<>();
    public final List<Written<DeadLetter>> deadLetters = new ArrayList<>();

    /** One record written by the topology. */
    public record Written<T>(String key, T data, Instant at) {
    }

    public EvaluatorDriver() {
        this(DEFAULTS);
    }

    public EvaluatorDriver(EffectivePolicy defaults) {
        try {
            stateDir = Files.createTempDirectory("evaluator-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IdleRules rules = new IdleRules(Duration.ofMinutes(3), Duration.ofDays(1), new PriceTable(PriceTable.DEFAULTS));
        EvaluatorSettings settings = new EvaluatorSettings(rules, new PolicyResolver(defaults), Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EvaluatorTopology.build(settings, clock, false), props, T0);
        kernels = input(Topics.KERNEL_ACTIVITY.name());
        terminals = input(Topics.TERMINAL_ACTIVITY.name());
        apps = input(Topics.APP_ACTIVITY.name());
        policies = input(Topics.POLICIES.name());
        commandOut = output(Topics.SHUTDOWN_COMMANDS.name());
        noticeOut = output(Topics.NOTICES.name());
        complianceOut = output(Topics.COMPLIANCE.name());
        deadLetterOut = output(Topics.DEAD_LETTERS.name());
    }

    public Instant now() {
        return clock.instant();
    }

    /** Moves time forward; punctuation runs once at the new time. */
    public void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
        collect();
    }

    /** Moves time to {@code at} in steps of {@code step}, running {@code everyStep} (e.g. a poll) at each step. */
    public void runUntil(Instant at, Duration step, Runnable everyStep) {
        while (now().isBefore(at)) {
            Duration d = Duration.between(now(), at);
            advance(d.compareTo(step) < 0 ? d : step);
            everyStep.run();
        }
    }

    public void runUntil(Instant at, Duration step) {
        runUntil(at, step, () -> { });
    }

    public void send(KernelObserved e) {
        kernels.pipeInput(e.appKey().toString(), encode(e), now());
        collect();
    }

    public void send(TerminalObserved e) {
        terminals.pipeInput(e.appKey().toString(), encode(e), now());
        collect();
    }

    public void send(AppObserved e) {
        apps.pipeInput(e.appKey().toString(), encode(e), now());
        collect();
    }

    public void send(SourceUnobserved e) {
        apps.pipeInput(e.appKey().toString(), encode(e), now());
        collect();
    }

    public void sendPolicy(IdlePolicy p) {
        policies.pipeInput(p.scope().toString(), encode(p), now());
        collect();
    }

    public void deletePolicy(String scope) {
        policies.pipeInput(scope, null, now());
        collect();
    }

    /** Writes raw bytes to an activity topic. */
    public void sendRaw(String topic, String key, byte[] value) {
        TestInputTopic<String, byte[]> in = topic.equals(Topics.KERNEL_ACTIVITY.name()) ? kernels
                : topic.equals(Topics.TERMINAL_ACTIVITY.name()) ? terminals : apps;
        in.pipeInput(key, value, now());
        collect();
    }

    public List<ShutdownCommand> commandsFor(AppKey app) {
        return commands.stream().filter(c -> c.key().equals(app.toString())).map(Written::data).toList();
    }

    public List<ShutdownWarning> warningsFor(AppKey app) {
        return warnings.stream().filter(c -> c.key().equals(app.toString())).map(Written::data).toList();
    }

    public KeyValueStore<String, Object> appStore() {
        return driver.getKeyValueStore(EvaluatorTopology.APP_STORE);
    }

    private byte[] encode(EventData data) {
        return EventCodec.standard().encode(CloudEvent.of(Events.COLLECTOR, now(), data));
    }

    @SuppressWarnings("unchecked")
    private void collect() {
        drain(commandOut, (List) commands);
        drain(noticeOut, (List) warnings);
        drain(complianceOut, (List) findings);
        drain(deadLetterOut, (List) deadLetters);
    }

    private static void drain(TestOutputTopic<String, byte[]> out, List<Written<EventData>> into) {
        while (!out.isEmpty()) {
            var record = out.readRecord();
            CloudEvent<EventData> event = EventCodec.standard().decode(record.value());
            into.add(new Written<>(record.key(), event.data(), record.getRecordTime()));
        }
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
