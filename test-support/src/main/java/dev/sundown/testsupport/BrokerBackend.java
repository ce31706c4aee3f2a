package dev.sundown.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The running broker behind {@link KafkaBroker}: in the test JVM, or in a Docker container. */
interface BrokerBackend {

    String bootstrapServers();

    String kind();

    void restart();

    void stop();

    static BrokerBackend start() {
        String wanted = System.getProperty("sundown.test.kafka", System.getenv("SUNDOWN_TEST_KAFKA"));
        wanted = wanted == null ? "auto" : wanted.trim().toLowerCase(Locale.ROOT);
        boolean container = switch (wanted) {
            case "embedded" -> false;
            case "container" -> true;
            default -> dockerAvailable();
        };
        return container ? ContainerBroker.start() : EmbeddedBroker.start();
    }

    /**
     * Asks Testcontainers only when a Docker endpoint could exist at all, so machines without Docker fall back
     * quietly instead of logging Testcontainers' environment-probe failures.
     */
    private static boolean dockerAvailable() {
        boolean endpointConfigured = System.getenv("DOCKER_HOST") != null
                || new File("/var/run/docker.sock").exists()
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!endpointConfigured) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
