package dev.sundown.evaluator.bench;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.domain.PriceTable;
import dev.sundown.evaluator.streams.DeadlineIndex;
import dev.sundown.evaluator.streams.EvaluatorSettings;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import dev.sundown.evaluator.support.MutableClock;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Punctuator cost when nothing is due, against the number of tracked apps. A program, not a test:
 * {@code mvn test-compile exec:java -Dexec.mainClass=dev.sundown.evaluator.bench.PunctuatorScaleBench
 * -Dscale.apps=10000,1000000}.
 *
 * <p>For each size, the production topology (RocksDB stores, changelogged) runs under {@link TopologyTestDriver};
 * its stores are filled with one tracked app per key exactly as the processor leaves them after a first kernel
 * observation (state plus its deadline-index entry at the staleness check, an hour ahead), then wall-clock
 * punctuation runs {@code scale.punctuations} times one second apart, none of them finding anything due. Prints
 * the time of each punctuation (median, p90, max), the heap used after a GC and the size of the state directory.
 */
public final class PunctuatorScaleBench {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    public static void main(String[] args) throws Exception {
        EvaluatorThroughputBench.quietLogging();
        String sizes = System.getProperty("scale.apps", "10000,1000000");
        int punctuations = Integer.getInteger("scale.punctuations", 50);
        for (String size : sizes.split(",")) {
            run(Integer.parseInt(size.trim()), punctuations);
        }
        System.exit(0);
    }

    private static void run(int tracked, int punctuations) throws IOException {
        Path stateDir = Files.createTempDirectory("evaluator-scale");
        MutableClock clock = new MutableClock(T0);
        IdleRules rules = new IdleRules(Duration.ofHours(1), Duration.ofDays(1), new PriceTable(PriceTable.DEFAULTS));
        EffectivePolicy defaults = new EffectivePolicy(List.of("config"), Duration.ofMinutes(120),
                Duration.ofMinutes(15), false, null, true, true, true, false);
        EvaluatorSettings settings = new EvaluatorSettings(rules, new PolicyResolver(defaults), Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluator-scale");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(EvaluatorTopology.build(settings, clock, true), props,
                T0)) {
            KeyValueStore<String, AppState> apps = driver.getKeyValueStore(EvaluatorTopology.APP_STORE);
            KeyValueStore<Bytes, byte[]> index = driver.getKeyValueStore(EvaluatorTopology.DEADLINE_INDEX);
            long fill0 = System.nanoTime();
            long due = T0.plus(rules.stalenessWindow()).plusMillis(1).toEpochMilli();
            for (int i = 0; i < tracked; i++) {
                AppKey key = AppKey.studio("d-scale", "user-" + i, AppType.KernelGateway, "app");
                KernelObserved k = new KernelObserved(key, "studio/d-scale/user-" + i, "k1", "python3",
                        ExecutionState.IDLE, 0, T0, null, T0);
                apps.put(key.toString(), rules.onKernel(null, k).withIndexedAt(due));
                index.put(DeadlineIndex.key(due, key.toString()), new byte[0]);
            }
            System.out.printf("%,d tracked apps written in %.1f s%n", tracked, (System.nanoTime() - fill0) / 1e9);

            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < punctuations; i++) {
                clock.advance(Duration.ofSeconds(1));
                long t0 = System.nanoTime();
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                micros.add((System.nanoTime() - t0) / 1000);
            }
            Collections.sort(micros);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%,d tracked apps, nothing due: punctuation median %,d us, p90 %,d us, max %,d us "
                            + "(%d punctuations); heap used after GC %,d MB; state directory %,d MB%n",
                    tracked, micros.get(micros.size() / 2), micros.get((int) (micros.size() * 0.9)),
                    micros.get(micros.size() - 1), punctuations,
                    (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), size(stateDir) / (1024 * 1024));
        }
        delete(stateDir);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private PunctuatorScaleBench() {
    }
}
