package dev.sundown.evaluator.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives the Kafka Streams application an empty state directory: each test JVM has a new broker, so state
 * checkpointed against an earlier broker must not be reused.
 */
public class FreshStateDirResource implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("sundown-evaluator-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka-streams.state.dir", dir.toString());
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
