package dev.sundown.e2e;

import dev.sundown.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as it is now: from the beginning to the last committed record, without a consumer group. */
final class TopicReader {

    private TopicReader() {
    }

    static List<ConsumerRecord<String, byte[]>> readToEnd(String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        forEachToEnd(topic, Duration.ofSeconds(30), out::add);
        return out;
    }

    /** Hands every record of {@code topic}, from its beginning to its end as it is now, to {@code action}. */
    static void forEachToEnd(String topic, Duration atMost, Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + atMost.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + atMost);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(action);
            }
        }
    }

    /** Every topic of the broker except Kafka's own. */
    static Set<String> all() {
        try (Admin admin = KafkaBroker.shared().admin()) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics", e);
        }
    }

    private static Properties properties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
