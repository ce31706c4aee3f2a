package dev.sundown.notifier.digest;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.notifier.delivery.NotifierKafka;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the shutdown results of a period straight from {@code sundown.shutdown.result.v1} (kept 90 days), so a
 * digest needs no state of its own and survives restarts: seek every partition to the period's start by
 * timestamp (an hour early, for clock skew between producers), read to the end as it is now, and keep the
 * results acted on within the period.
 */
@ApplicationScoped
public class ResultsReader {

    private static final Duration SKEW = Duration.ofHours(1);
    private final NotifierKafka kafka;

    public ResultsReader(NotifierKafka kafka) {
        this.kafka = kafka;
    }

    public List<ShutdownResult> read(Instant from, Instant to) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sundown-notifier-digest-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ShutdownResult> results = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.SHUTDOWN_RESULTS.name(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return results;
            }
            for (PartitionInfo p : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> query = new HashMap<>();
            long startMs = from.minus(SKEW).toEpochMilli();
            partitions.forEach(tp -> query.put(tp, Math.max(0, startMs)));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? end.get(tp) : start.offset());
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    try {
                        CloudEvent<EventData> e = EventCodec.standard().decode(r.value(), Topics.SHUTDOWN_RESULTS);
                        if (e.data() instanceof ShutdownResult result && !result.actedAt().isBefore(from)
                                && result.actedAt().isBefore(to)) {
                            results.add(result);
                        }
                    } catch (MalformedEventException malformed) {
                        // dead-lettered by the intake when it read the same record
                    }
                }
            }
        }
        return results;
    }
}
