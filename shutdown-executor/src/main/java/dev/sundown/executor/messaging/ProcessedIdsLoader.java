package dev.sundown.executor.messaging;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.executor.config.ExecutorConfig;
import dev.sundown.executor.domain.ProcessedCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes replays harmless across restarts: reads the results topic from the beginning into {@link ProcessedCommands}
 * before the first command is handled, then keeps tailing it so results written by other executor instances are
 * known too. It uses no consumer group, so it never commits offsets or joins a rebalance.
 */
@ApplicationScoped
public class ProcessedIdsLoader {

    private static final Logger LOG = Logger.getLogger(ProcessedIdsLoader.class);
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(5);

    private final ProcessedCommands processed;
    private final ExecutorConfig config;
    private final String bootstrapServers;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public ProcessedIdsLoader(ProcessedCommands processed, ExecutorConfig config,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.processed = processed;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.idempotency().loadResults()) {
            loaded.complete(null);
            return;
        }
        running.set(true);
        thread = new Thread(this::run, "sundown-processed-ids");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running.set(false);
        stopped.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Completes once the results written before startup are known (or the load timeout passed). */
    public Uni<Void> ready() {
        if (loaded.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(loaded)
                .ifNoItem().after(config.idempotency().loadTimeout()).recoverWithUni(() -> {
                    LOG.warnf("results topic not read within %s; handling commands without the full record "
                            + "of processed ids", config.idempotency().loadTimeout());
                    loaded.complete(null);
                    return Uni.createFrom().voidItem();
                });
    }

    private void run() {
        String topic = Topics.SHUTDOWN_RESULTS.name();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            List<TopicPartition> partitions = awaitPartitions(c, topic);
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    remember(record);
                }
                if (!loaded.isDone() && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("%d processed command id(s) read from %s", processed.size(), topic);
                    loaded.complete(null);
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (RuntimeException e) {
            LOG.errorf("reading %s for processed command ids stopped: %s", topic, e.toString());
        } finally {
            loaded.complete(null);
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c, String topic) {
        while (running.get()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .collect(Collectors.toList());
            }
            // No results topic yet: nothing was ever processed. Look again later for results of other instances.
            loaded.complete(null);
            try {
                if (stopped.await(TOPIC_RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    private void remember(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent<EventData> event = EventCodec.standard().decode(record.value(), Topics.SHUTDOWN_RESULTS);
            if (event.data() instanceof ShutdownResult result) {
                processed.add(result.commandId());
            }
        } catch (MalformedEventException e) {
            LOG.debugf("skipping a malformed record at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sundown-shutdown-executor-results-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
