package dev.sundown.testsupport;

import static org.awaitility.Awaitility.await;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node KRaft Kafka broker for tests, shared by every test in a JVM.
 *
 * <p>Where Docker is reachable it is Testcontainers' Kafka container; otherwise (this build machine, CI) it is
 * Kafka's own {@code KafkaClusterTestKit} running a combined broker+controller inside the test JVM. Either way
 * clients see a plain broker at {@link #bootstrapServers()}. Set {@code -Dsundown.test.kafka=embedded} (or the
 * environment variable {@code SUNDOWN_TEST_KAFKA=embedded}) to use the in-JVM broker even where Docker runs.
 */
public final class KafkaBroker {

    private static volatile KafkaBroker shared;

    private final BrokerBackend backend;
    private final Object producerLock = new Object();
    private KafkaProducer<String, byte[]> producer;

    private KafkaBroker(BrokerBackend backend) {
        this.backend = backend;
    }

    /**
     * The broker of this JVM: started on first use (a few seconds), stopped when the JVM exits. Every Quarkus
     * test application of the JVM, whatever its class loader, gets the same broker.
     */
    public static KafkaBroker shared() {
        KafkaBroker broker = shared;
        if (broker == null) {
            synchronized (KafkaBroker.class) {
                broker = shared;
                if (broker == null) {
                    broker = new KafkaBroker(JvmBroker.locate());
                    shared = broker;
                }
            }
        }
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /** "embedded" (in-JVM KRaft test kit) or "container" (Testcontainers). */
    public String kind() {
        return backend.kind();
    }

    /**
     * Creates every topic of the {@link Topics} registry with its partitions, cleanup policy and retention.
     * Topics that already exist are left as they are.
     */
    public void createSundownTopics() {
        createTopics(CreateTopics.sundownTopics((short) 1));
    }

    /** Creates a plain topic (delete policy) unless it exists. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /**
     * Stops the broker and starts it again with its data, at the same address. Clients see the broker go away
     * (connection refused) and come back. Returns once the broker serves requests again.
     */
    public void restart() {
        closeProducer();
        backend.restart();
        try (Admin admin = admin()) {
            await("broker at " + bootstrapServers() + " serving again")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    /** Writes one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Writes one Sundown event encoded with {@link EventCodec#standard()}. */
    public void sendEvent(Topic topic, String key, CloudEvent<?> event) {
        send(topic.name(), key, EventCodec.standard().encode(event));
    }

    /**
     * Reads {@code topic} from the beginning (every partition, no consumer group, so it never disturbs the
     * application's groups) until at least {@code expectedAtLeast} records arrived, and returns them all.
     * Fails with Awaitility's {@code ConditionTimeoutException} if fewer arrive within {@code atMost}.
     * With {@code expectedAtLeast == 0} it reads for the whole of {@code atMost} and returns what arrived,
     * which is how a test asserts that nothing was written.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration atMost, int expectedAtLeast) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            if (expectedAtLeast <= 0) {
                long deadline = System.nanoTime() + atMost.toNanos();
                while (System.nanoTime() < deadline) {
                    pollInto(consumer, topic, records);
                }
                return records;
            }
            try {
                await("at least " + expectedAtLeast + " records on " + topic)
                        .atMost(atMost)
                        .pollInSameThread()
                        .pollInterval(Duration.ZERO)
                        .pollDelay(Duration.ZERO)
                        .until(() -> {
                            pollInto(consumer, topic, records);
                            return records.size() >= expectedAtLeast;
                        });
            } catch (ConditionTimeoutException e) {
                throw new ConditionTimeoutException("expected at least " + expectedAtLeast + " records on " + topic
                        + " within " + atMost + " but read " + records.size());
            }
            return records;
        }
    }

    /**
     * Every committed record of {@code topic} written before this call, read once each one's transaction is decided,
     * for a test that needs a key's latest value: {@link #readAll} with a count may stop short of it. The end is the
     * high watermark, not the last stable offset: a transaction whose consumer offsets are already visible may not
     * have its commit marker on this topic yet.
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Duration atMost) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             Admin admin = admin()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic, atMost);
            Map<TopicPartition, Long> end = new java.util.HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get(atMost.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> end.put(tp, info.offset()));
            await("the end of " + topic).atMost(atMost).pollInSameThread().pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    /** Like {@link #readAll} and decoded with {@link EventCodec#standard()}, checked against {@code topic}. */
    public List<CloudEvent<EventData>> readEvents(Topic topic, int expectedAtLeast, Duration atMost) {
        return readAll(topic.name(), atMost, expectedAtLeast).stream()
                .map(r -> EventCodec.standard().decode(r.value(), topic))
                .collect(Collectors.toList());
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    private void pollInto(KafkaConsumer<String, byte[]> consumer, String topic,
                          List<ConsumerRecord<String, byte[]>> records) {
        if (consumer.assignment().isEmpty() && assignFromBeginning(consumer, topic, Duration.ofSeconds(5)).isEmpty()) {
            return;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }

    /** Assigns every partition of {@code topic} at its beginning; none while the topic does not exist. */
    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic,
                                                            Duration atMost) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, atMost);
        if (partitions == null || partitions.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toList());
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return assigned;
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sundown-test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading a topic that does not exist yet must not create it with the broker's default partition count.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private KafkaProducer<String, byte[]> producer() {
        synchronized (producerLock) {
            if (producer == null) {
                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
                props.put(ProducerConfig.CLIENT_ID_CONFIG, "sundown-test-writer");
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
                props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                producer = new KafkaProducer<>(props);
            }
            return producer;
        }
    }

    private void closeProducer() {
        synchronized (producerLock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private void createTopics(List<NewTopic> topics) {
        Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
        try (Admin admin = admin()) {
            CreateTopics.createMissing(admin, topics);
            // Creation is acknowledged by the controller; wait until the broker serves the topics' metadata.
            await("topics " + names + " ready")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + names, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + names, e);
        }
    }
}
