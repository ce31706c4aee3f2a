package dev.sundown.bench;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes activity once: {@code --events N} records over {@code --apps A} Studio apps (polls of every app in turn),
 * or with {@code --empty-apps A} one app event per app. Prints the count, bytes and the producer rate.
 */
final class Produce {

    private Produce() {
    }

    static void run(Args args) {
        String bootstrap = args.text("bootstrap");
        long events = args.number("events", 0);
        int apps = args.integer("apps", 10_000);
        int emptyApps = args.integer("empty-apps", 0);
        ActivityData data = new ActivityData(emptyApps > 0 ? emptyApps : apps, Instant.now());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        long bytes = 0;
        long kernels = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            if (emptyApps > 0) {
                for (int a = 0; a < emptyApps; a++) {
                    ProducerRecord<String, byte[]> r = data.emptyApp(a);
                    bytes += r.value().length;
                    count++;
                    producer.send(r, (m, e) -> failOn(failure, e));
                }
            } else {
                outer:
                for (int cycle = 0; ; cycle++) {
                    for (int a = 0; a < apps; a++) {
                        for (ProducerRecord<String, byte[]> r : data.poll(a, cycle)) {
                            if (count >= events) {
                                break outer;
                            }
                            bytes += r.value().length;
                            count++;
                            if (r.topic().equals(dev.sundown.events.Topics.KERNEL_ACTIVITY.name())) {
                                kernels++;
                            }
                            producer.send(r, (m, e) -> failOn(failure, e));
                        }
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing failed", failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Out.say("produced %d records (%d apps, %.0f bytes per record on average) in %.1f s", count,
                data.apps(), (double) bytes / count, seconds);
        Out.result("records", count, "records");
        if (kernels > 0) {
            Out.result("kernel_records", kernels, "records");
        }
        Out.result("record_bytes", (double) bytes / count, "bytes");
        Out.result("produce_rate", count / seconds, "records/s");
    }

    private static void failOn(AtomicReference<Exception> failure, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }
}
