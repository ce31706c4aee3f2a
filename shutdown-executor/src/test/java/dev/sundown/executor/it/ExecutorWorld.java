package dev.sundown.executor.it;

import dev.sundown.testsupport.JupyterServer;
import dev.sundown.testsupport.KafkaBroker;
import dev.sundown.testsupport.StudioSimulator;
import java.nio.file.Path;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The real parts the executor talks to: the shared Kafka broker with every Sundown topic, a real Jupyter Server
 * configured as the static target {@code lab}, and the Studio simulator as the SageMaker endpoint and Studio front
 * door.
 */
public class ExecutorWorld implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET = "lab";

    private static volatile JupyterServer jupyter;
    private static volatile StudioSimulator simulator;

    public static StudioSimulator simulator() {
        return simulator;
    }

    public static JupyterServer jupyter() {
        return jupyter;
    }

    public static KafkaBroker broker() {
        return KafkaBroker.shared();
    }

    @Override
    public Map<String, String> start() {
        JupyterServer.assumeInstalled();
        // The three start independently; in parallel they are ready in the time of the slowest.
        CompletableFuture<StudioSimulator> startingSimulator = CompletableFuture.supplyAsync(() ->
                StudioSimulator.builder()
                        .world(Path.of("src/test/resources/executor-world.yaml"))
                        .property("simulator.sagemaker.delete-delay", "1s")
                        .property("simulator.sagemaker.health-check-interval", "1h")
                        .start());
        CompletableFuture<JupyterServer> startingJupyter = CompletableFuture.supplyAsync(JupyterServer::start);
        KafkaBroker broker = KafkaBroker.shared();
        broker.createSundownTopics();
        jupyter = started(startingJupyter);
        simulator = started(startingSimulator);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("sundown.executor.jupyter.targets." + TARGET + ".url", jupyter.baseUrl());
        config.put("sundown.executor.jupyter.targets." + TARGET + ".token", jupyter.token());
        config.put("sundown.executor.sagemaker.endpoint-override", simulator.baseUrl());
        return config;
    }

    private static <T> T started(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (jupyter != null) {
            jupyter.close();
            jupyter = null;
        }
    }
}
