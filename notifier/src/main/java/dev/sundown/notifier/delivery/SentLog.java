package dev.sundown.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.domain.Suppression;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * What was sent, and when: the memory behind deduplication, kept in the compacted topic
 * {@code sundown.notifier.sent.v1} (key = a dedup key, value = {@code {"at":"<instant>"}}, a tombstone forgets).
 * At startup the notifier creates its topics if missing and reads this log to its end before anything is
 * consumed; afterwards it keeps reading it, so keys written by another instance are seen too.
 */
@ApplicationScoped
public class SentLog implements Suppression {

    private static final Logger LOG = Logger.getLogger(SentLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifierKafka kafka;
    private final NotifierConfig config;
    private final Clock clock;
    private final Map<String, Instant> sent = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public SentLog(NotifierKafka kafka, NotifierConfig config, Clock clock) {
        this.kafka = kafka;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        reader = new Thread(this::run, "sundown-notifier-sent-log");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Completes once the log was read to its end at startup. */
    public CompletableFuture<Void> loaded() {
        return loaded;
    }

    @Override
    public boolean recentlySent(String key) {
        Instant at = sent.get(key);
        return at != null && at.plus(config.suppressionWindow()).isAfter(clock.instant());
    }

    /** Records {@code keys} as sent now; completes when the log has them. */
    public CompletableFuture<Void> record(Collection<String> keys) {
        Instant now = clock.instant();
        byte[] value = ("{\"at\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (String key : keys) {
            sent.merge(key, now, (a, b) -> a.isAfter(b) ? a : b);
            writes.add(kafka.send(config.topics().sent(), key, value));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** Forgets {@code keys} (tombstones), so the next occurrence is sent at once. */
    public CompletableFuture<Void> forget(Collection<String> keys) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (String key : keys) {
            sent.remove(key);
            writes.add(kafka.send(config.topics().sent(), key, null));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    public int size() {
        return sent.size();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running.get() && !loaded.isDone()) {
            try {
                kafka.createOwnTopics();
                break;
            } catch (RuntimeException e) {
                LOG.warnf("cannot create the notifier's topics yet (%s); retrying", e.getMessage());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
        backoff = Duration.ofMillis(200);
        while (running.get()) {
            try {
                read();
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("cannot read the sent-keys log %s yet (%s); retrying", config.topics().sent(),
                        e.getMessage());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    /** Reads the log to its end (then completes {@link #loaded()}) and keeps following it until shutdown. */
    private void read() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sundown-notifier-sent-log-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = c.partitionsFor(config.topics().sent(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + config.topics().sent() + " has no partitions yet");
            }
            for (PartitionInfo p : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(60));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
                if (!loaded.isDone() && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("sent-keys log loaded: %d keys", sent.size());
                    loaded.complete(null);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            sent.remove(r.key());
            return;
        }
        try {
            JsonNode node = JSON.readTree(r.value());
            Instant at = Instant.parse(node.path("at").asText());
            sent.merge(r.key(), at, (a, b) -> a.isAfter(b) ? a : b);
        } catch (Exception e) {
            LOG.warnf("ignoring unreadable sent-log record at offset %d", r.offset());
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
