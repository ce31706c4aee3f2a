package dev.sundown.bench;

import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The floor under the evaluator's throughput: a Kafka Streams application of the evaluator's shape and settings
 * (the three activity topics into one processor, one stream thread, exactly_once_v2, commit every second, a cached,
 * changelogged RocksDB store keyed by app) that does no work of its own: it stores each record's bytes under its
 * key. What it costs is what Kafka Streams itself costs for the same records; runs until killed.
 *
 * <p>{@code --store cached} (the default, what {@code bench/run} measures), {@code uncached} (every put goes to
 * RocksDB and the changelog) or {@code none} (no store: Kafka Streams' per-record work alone), for taking the
 * floor apart by hand.
 */
final class StreamsFloor {

    private StreamsFloor() {
    }

    static void run(Args args) throws Exception {
        String store = args.text("store", "cached");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, args.text("application-id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.text("bootstrap"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024L);
        p.put(StreamsConfig.STATE_DIR_CONFIG, args.text("state-dir", Files.createTempDirectory("streams-floor")
                .toString()));
        Topology topology = new Topology();
        String[] topics = RawConsume.ACTIVITY.toArray(String[]::new);
        topology.addSource("activity", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics);
        topology.addProcessor("store-it", () -> new Processor<String, byte[], Void, Void>() {
            private KeyValueStore<String, byte[]> kv;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                kv = "none".equals(store) ? null : context.getStateStore("floor-store");
            }

            @Override
            public void process(Record<String, byte[]> record) {
                if (kv != null) {
                    kv.put(record.key(), record.value());
                }
            }
        }, "activity");
        if (!"none".equals(store)) {
            var builder = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("floor-store"), Serdes.String(),
                    Serdes.ByteArray());
            topology.addStateStore("cached".equals(store) ? builder.withCachingEnabled() : builder, "store-it");
        }
        KafkaStreams streams = new KafkaStreams(topology, p);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stop.countDown();
        }));
        streams.start();
        Out.say("Kafka Streams floor (%s store) running as %s", store, args.text("application-id"));
        stop.await();
    }
}
