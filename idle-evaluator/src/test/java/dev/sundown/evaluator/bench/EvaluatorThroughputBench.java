package dev.sundown.evaluator.bench;

import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.domain.PriceTable;
import dev.sundown.evaluator.streams.EvaluatorSettings;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.Topics;
import dev.sundown.testsupport.KafkaBroker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput and detection-latency benchmark of the evaluator topology on a real (in-JVM) broker. A program, not a
 * test: {@code mvn -pl idle-evaluator test-compile exec:java} (options as system properties, see README).
 *
 * <ol>
 *   <li>writes {@code bench.events} kernel observations for {@code bench.apps} apps to the kernel topic;</li>
 *   <li>reads them with a plain consumer: the raw rate of this broker on this data;</li>
 *   <li>runs one topology instance (RocksDB stores, exactly-once v2) over the same records: its rate;</li>
 *   <li>adds {@code bench.latency-apps} idle apps whose deadlines are spread over {@code bench.spread-seconds}
 *       and measures, for each command, the delay from its deadline to its arrival at a read_committed consumer.</li>
 * </ol>
 */
public final class EvaluatorThroughputBench {

    private static final String KERNELS = Topics.KERNEL_ACTIVITY.name();
    private static final Duration LIMIT = Duration.ofMinutes(120);

    public static void main(String[] args) throws Exception {
        quietLogging();
        int events = Integer.getInteger("bench.events", 200_000);
        int apps = Integer.getInteger("bench.apps", 20_000);
        int latencyApps = Integer.getInteger("bench.latency-apps", 20_000);
        int spreadSeconds = Integer.getInteger("bench.spread-seconds", 30);

        KafkaBroker broker = KafkaBroker.shared();
        broker.createSundownTopics();
        System.out.printf("broker %s (%s)%n", broker.bootstrapServers(), broker.kind());

        Instant start = Instant.now();
        long produceNanos = produce(broker, events, apps, i -> start);
        System.out.printf("produced %,d kernel observations for %,d apps in %.2f s (%,.0f records/s)%n", events, apps,
                produceNanos / 1e9, events / (produceNanos / 1e9));

        // the raw rate of a short read varies a lot from one read to the next: the median of five reads
        double[] raws = new double[5];
        for (int i = 0; i < raws.length; i++) {
            raws[i] = rawConsumerRate(broker, events);
        }
        java.util.Arrays.sort(raws);
        double raw = raws[raws.length / 2];
        System.out.printf("raw consumer: %,.0f records/s (median of %d reads, range %,.0f-%,.0f)%n", raw,
                raws.length, raws[0], raws[raws.length - 1]);

        Path stateDir = Files.createTempDirectory("evaluator-bench");
        String applicationId = "evaluator-bench-" + UUID.randomUUID();
        KafkaStreams streams = startTopology(broker, applicationId, stateDir);
        double evaluated = awaitCommitted(broker, applicationId, events, Duration.ofMinutes(20));
        System.out.printf("evaluator topology: %,.0f records/s = %.0f%% of the raw consumer rate "
                + "(exactly_once_v2, commit.interval.ms %s, cache %s bytes, RocksDB, 1 stream thread; "
                + "from its first to its last commit)%n", evaluated, 100 * evaluated / raw,
                Integer.getInteger("bench.commit-interval-ms", 1000),
                Long.getLong("bench.cache-bytes", 10 * 1024 * 1024L));

        // detection latency: deadlines spread over the run, after the new observations are surely processed
        double leadSeconds = Math.max(10, 6 * latencyApps / evaluated);
        Instant firstDeadline = Instant.now().plusMillis((long) (leadSeconds * 1000));
        long spreadMillis = spreadSeconds * 1000L;
        KafkaConsumer<String, byte[]> commands = commandConsumer(broker);
        produceLatencyApps(broker, latencyApps, firstDeadline, spreadMillis, () -> awaitCommitted(broker,
                applicationId, events + latencyApps, Duration.ofMinutes(5)));
        List<Long> latencies = collectLatencies(commands, latencyApps,
                firstDeadline.plusMillis(spreadMillis).plusSeconds(60));
        commands.close();
        Collections.sort(latencies);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("detection latency over %,d apps (%,d tracked), deadlines spread over %d s: "
                        + "p50 %d ms, p99 %d ms, max %d ms, commands received %,d%n",
                latencyApps, apps + latencyApps, spreadSeconds, pct(latencies, 50), pct(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), latencies.size());
        System.out.printf("commands received %,d of %,d expected%n", latencies.size(), latencyApps);
        System.out.printf("JVM heap used (broker + clients + topology in one JVM): %,d MB%n",
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        streams.close(Duration.ofSeconds(30));
        System.exit(0);
    }

    /**
     * Outside Quarkus nothing configures the log manager, and then every Kafka DEBUG and TRACE message (several
     * per record in the producer, the stream thread and the broker) is formatted. The services log at INFO.
     */
    static void quietLogging() {
        org.jboss.logmanager.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
        root.setLevel(java.util.logging.Level.parse(System.getProperty("bench.log-level", "INFO")));
        org.jboss.logmanager.handlers.ConsoleHandler console = new org.jboss.logmanager.handlers.ConsoleHandler(
                new org.jboss.logmanager.formatters.PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1.}] %s%e%n"));
        console.setLevel(java.util.logging.Level.WARNING);
        root.addHandler(console);
    }

    private interface Activity {
        Instant at(int i);
    }

    private static long produce(KafkaBroker broker, int events, int apps, Activity activity) {
        java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                AppKey app = AppKey.studio("d-bench", "user-" + (i % apps), AppType.KernelGateway, "app");
                Instant now = Instant.now();
                KernelObserved k = new KernelObserved(app, "studio/d-bench/user-" + (i % apps), "k1", "python3",
                        ExecutionState.IDLE, 0, activity.at(i), null, now);
                producer.send(new ProducerRecord<>(KERNELS, app.toString(),
                        EventCodec.standard().encode(CloudEvent.of(URI.create("/bench"), now, k))), (md, e) -> {
                            if (e != null) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, e.toString());
                            }
                        });
            }
            producer.flush();
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " sends failed, first: " + firstFailure.get());
            }
            return System.nanoTime() - t0;
        }
    }

    /**
     * Each latency app gets a kernel observation, then its inventory. The inventories are written once the
     * topology has committed every kernel observation, so it sees each kernel before the inventory listing it (an
     * inventory listing a kernel not seen yet counts as a new kernel appearing, which restarts the app's clock).
     */
    private static void produceLatencyApps(KafkaBroker broker, int count, Instant firstDeadline, long spreadMillis,
                                           Runnable kernelsProcessed) {
        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            for (int i = 0; i < count; i++) {
                AppKey app = AppKey.studio("d-latency", "user-" + i, AppType.KernelGateway, "app");
                Instant deadline = firstDeadline.plusMillis(spreadMillis * i / count);
                Instant now = Instant.now();
                KernelObserved k = new KernelObserved(app, "studio/d-latency/user-" + i, "k1", "python3",
                        ExecutionState.IDLE, 0, deadline.minus(LIMIT), null, now);
                producer.send(new ProducerRecord<>(KERNELS, app.toString(),
                        EventCodec.standard().encode(CloudEvent.of(URI.create("/bench"), now, k))));
            }
            producer.flush();
            kernelsProcessed.run();
            for (int i = 0; i < count; i++) {
                AppKey app = AppKey.studio("d-latency", "user-" + i, AppType.KernelGateway, "app");
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(Topics.APP_ACTIVITY.name(), app.toString(), EventCodec.standard()
                        .encode(CloudEvent.of(URI.create("/bench"), now, new dev.sundown.events.AppObserved(app,
                                "studio/d-latency/user-" + i, dev.sundown.events.OwnerKind.USER_PROFILE,
                                "InService", "ml.t3.medium", null, null, null, null, List.of("k1"), List.of(),
                                Map.of(), now)))));
            }
            producer.flush();
        }
    }

    private static double rawConsumerRate(KafkaBroker broker, int events) {
        Properties props = consumerProps(broker);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = consumer.partitionsFor(KERNELS).stream()
                    .map(p -> new TopicPartition(KERNELS, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long t0 = System.nanoTime();
            long n = 0;
            long lastProgress = System.nanoTime();
            while (n < events) {
                int got = consumer.poll(Duration.ofMillis(100)).count();
                n += got;
                if (got > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > 30_000_000_000L) {
                    throw new IllegalStateException("raw consumer stalled after " + n + " of " + events + " records");
                }
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static KafkaStreams startTopology(KafkaBroker broker, String applicationId, Path stateDir) {
        EffectivePolicy defaults = new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null, true,
                true, true, false);
        EvaluatorSettings settings = new EvaluatorSettings(new IdleRules(Duration.ofHours(1), Duration.ofDays(1),
                new PriceTable(PriceTable.DEFAULTS)), new PolicyResolver(defaults),
                Duration.parse(System.getProperty("bench.punctuation-interval", "PT0.25S")));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("bench.commit-interval-ms", 1000));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                Long.getLong("bench.cache-bytes", 10 * 1024 * 1024L));
        KafkaStreams streams = new KafkaStreams(EvaluatorTopology.build(settings, Clock.systemUTC()), props);
        streams.start();
        return streams;
    }

    /** Records/s between the first and the last committed offset of the topology on the kernel topic. */
    private static double awaitCommitted(KafkaBroker broker, String groupId, long expected, Duration atMost) {
        long[] first = {-1, 0};
        try (Admin admin = broker.admin()) {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                long sum = committed(admin, groupId);
                if (first[0] < 0 && sum > 0) {
                    first[0] = System.nanoTime();
                    first[1] = sum;
                }
                return sum >= expected;
            });
        }
        return (expected - first[1]) / ((System.nanoTime() - first[0]) / 1e9);
    }

    private static long committed(Admin admin, String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(KERNELS))
                .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
    }

    private static KafkaConsumer<String, byte[]> commandConsumer(KafkaBroker broker) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(broker));
        List<TopicPartition> parts = consumer.partitionsFor(Topics.SHUTDOWN_COMMANDS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        return consumer;
    }

    private static List<Long> collectLatencies(KafkaConsumer<String, byte[]> consumer, int expected, Instant giveUp) {
        List<Long> latencies = new ArrayList<>();
        while (latencies.size() < expected && Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                Instant received = Instant.now();
                ShutdownCommand c = EventCodec.standard().decode(r.value(), ShutdownCommand.class).data();
                if (c.appKey().domainId().equals("d-latency")) {
                    latencies.add(Duration.between(c.deadline(), received).toMillis());
                }
            }
        }
        return latencies;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static Properties consumerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private EvaluatorThroughputBench() {
    }
}
