package dev.sundown.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a {@link StudioSimulator} for a Quarkus test application and hands its address over as
 * {@code sundown.test.simulator.url}. Every init argument becomes a system property of the simulator:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = StudioSimulatorResource.class,
 *         initArgs = @ResourceArg(name = "simulator.world", value = "src/test/resources/world.yaml"))
 * }</pre>
 *
 * The init argument {@value #JAR_ARG} runs another jar than the repository's
 * {@code studio-simulator/target/quarkus-app/quarkus-run.jar}. Map the URL onto the application's own settings
 * in {@code application.properties}, e.g.
 * {@code %test.sundown.collector.sagemaker.endpoint=${sundown.test.simulator.url}}.
 */
public class StudioSimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "sundown.test.simulator.url";
    /** Init argument naming another {@code quarkus-run.jar} to run; not passed on as a system property. */
    public static final String JAR_ARG = "sundown.test.simulator.jar";

    private Map<String, String> args = Map.of();
    private StudioSimulator simulator;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        StudioSimulator.Builder builder = StudioSimulator.builder();
        args.forEach((key, value) -> {
            if (JAR_ARG.equals(key)) {
                builder.jar(Path.of(value));
            } else {
                builder.property(key, value);
            }
        });
        simulator = builder.start();
        return Map.of(URL_PROPERTY, simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
