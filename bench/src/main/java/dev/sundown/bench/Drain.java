package dev.sundown.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group (a Kafka Streams application id) work through the activity topics: every 100 ms it reads
 * the group's committed offsets and, from the first progress to the last record, reports records per second, and
 * the same over the last three quarters of the records (once the JIT has compiled the hot path). With
 * {@code --pid} it samples that process's resident memory and CPU meanwhile.
 */
final class Drain {

    private Drain() {
    }

    static void run(Args args) throws Exception {
        String group = args.text("group");
        long pid = args.number("pid", -1);
        long started = args.number("started-ms", System.currentTimeMillis());
        Duration timeout = args.seconds("timeout", 900);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.text("bootstrap"));
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
            for (var d : admin.describeTopics(RawConsume.ACTIVITY).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                d.partitions().forEach(tp -> ask.put(new TopicPartition(d.name(), tp.partition()),
                        OffsetSpec.latest()));
            }
            long end = 0;
            for (var e : admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).values()) {
                end += e.offset();
            }
            long firstAt = 0;
            long firstCommitted = 0;
            // after a quarter of the records the JIT has compiled the hot path: the rest is the steady state
            long warmAt = 0;
            long warmCommitted = 0;
            long lastAt = 0;
            long committed = 0;
            double peakRss = 0;
            List<Double> rss = new ArrayList<>();
            // CPU is counted over the same window as the rate: from the first commit to the last record
            double cpuAtFirst = -1;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (committed < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " committed " + committed + " of " + end
                            + " records before the timeout");
                }
                committed = committed(admin, group);
                long now = System.nanoTime();
                if (committed > 0 && firstAt == 0) {
                    firstAt = now;
                    firstCommitted = committed;
                    cpuAtFirst = pid > 0 ? Proc.cpuSeconds(pid) : -1;
                }
                if (committed >= end / 4 && warmAt == 0) {
                    warmAt = now;
                    warmCommitted = committed;
                }
                lastAt = now;
                if (pid > 0) {
                    double r = Proc.rssMiB(pid);
                    if (r < 0) {
                        throw new IllegalStateException("process " + pid + " exited while draining");
                    }
                    rss.add(r);
                    peakRss = Math.max(peakRss, r);
                }
                if (committed < end) {
                    Thread.sleep(100);
                }
            }
            double seconds = (lastAt - firstAt) / 1e9;
            double rate = (end - firstCommitted) / seconds;
            double sinceStart = (System.currentTimeMillis() - started) / 1000.0;
            Out.say("%s: %d records; %.2f s from first commit to last record; %.1f s since process start", group,
                    end, seconds, sinceStart);
            Out.result("evaluator_rate", rate, "records/s");
            if (lastAt > warmAt && end > warmCommitted) {
                Out.result("evaluator_rate_warm", (end - warmCommitted) / ((lastAt - warmAt) / 1e9), "records/s");
            }
            Out.result("drain_since_start", sinceStart, "s");
            if (pid > 0) {
                Out.result("rss_under_load_peak", peakRss, "MiB");
                Out.result("rss_under_load_median", Stats.of(rss).median(), "MiB");
                double cpu = Proc.cpuSeconds(pid) - cpuAtFirst;
                Out.result("cpu_cores_under_load", cpu / seconds, "cores");
            }
        }
    }

    static long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (var e : offsets.entrySet()) {
            if (e.getValue() != null && RawConsume.ACTIVITY.contains(e.getKey().topic())) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }
}
