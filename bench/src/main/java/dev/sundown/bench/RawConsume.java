package dev.sundown.bench;

import dev.sundown.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The anchor: a plain {@link KafkaConsumer} (one instance, default fetch settings, values left as bytes) reading
 * the three activity topics from the beginning. Prints records per second from its first record to its
 * {@code --expect}-th.
 */
final class RawConsume {

    static final List<String> ACTIVITY = List.of(Topics.APP_ACTIVITY.name(), Topics.KERNEL_ACTIVITY.name(),
            Topics.TERMINAL_ACTIVITY.name());

    private RawConsume() {
    }

    static void run(Args args) {
        long expect = args.number("expect", 0);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.text("bootstrap"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, args.text("group"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long count = 0;
        long bytes = 0;
        long first = 0;
        long deadline = System.nanoTime() + args.seconds("timeout", 600).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(ACTIVITY);
            while (count < expect) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + count + " of " + expect + " records before the timeout");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                for (var r : records) {
                    count++;
                    bytes += r.value().length;
                }
            }
        }
        double seconds = (System.nanoTime() - first) / 1e9;
        Out.say("plain consumer: %d records, %.1f MB in %.2f s", count, bytes / 1e6, seconds);
        Out.result("raw_rate", count / seconds, "records/s");
    }
}
