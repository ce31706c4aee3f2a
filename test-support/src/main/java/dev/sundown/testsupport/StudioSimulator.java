package dev.sundown.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The studio-simulator (local stand-in for SageMaker Studio, its Jupyter front door, SNS and Slack) as a
 * separate JVM on a free loopback port, started from its packaged {@code quarkus-run.jar}.
 *
 * <pre>{@code
 * try (StudioSimulator simulator = StudioSimulator.builder()
 *         .property("simulator.world", world.toString())
 *         .start()) {
 *     String url = simulator.baseUrl();
 * }
 * }</pre>
 *
 * The jar must be built first: {@code mvn -pl studio-simulator package -DskipTests}.
 */
public final class StudioSimulator implements AutoCloseable {

    public static final String BUILD_HINT = "build it first: mvn -pl studio-simulator package -DskipTests";
    static final Path JAR_IN_REPO = Path.of("studio-simulator", "target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killOnExit;

    private StudioSimulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "sundown-studio-simulator-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the simulator with its default world. */
    public static StudioSimulator start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The simulator's console output. */
    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the simulator (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already exiting: the hook runs anyway and finds the process gone.
        }
    }

    /**
     * The repository root: the nearest directory, from the working directory up, that holds
     * {@code studio-simulator/pom.xml}.
     */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("studio-simulator").resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory above " + dir + " contains studio-simulator/pom.xml");
    }

    /** Options for one simulator process. */
    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private Path jar;
        private Duration readyWithin = Duration.ofSeconds(60);

        private Builder() {
        }

        /** A system property for the simulator, e.g. {@code property("simulator.world", path)}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        /** Shorthand for {@code property("simulator.world", world)}. */
        public Builder world(Path world) {
            return property("simulator.world", world.toAbsolutePath().toString());
        }

        /** An extra JVM option, e.g. {@code -Xmx1g} (the last heap setting wins). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** The {@code quarkus-run.jar} to run; by default the one built in the repository. */
        public Builder jar(Path quarkusRunJar) {
            this.jar = quarkusRunJar;
            return this;
        }

        public Builder readyWithin(Duration atMost) {
            this.readyWithin = atMost;
            return this;
        }

        /** Starts the process and returns once {@code GET /q/health/ready} answers 200. */
        public StudioSimulator start() {
            Path runJar = jar != null ? jar : repositoryRoot().resolve(JAR_IN_REPO);
            if (!Files.isRegularFile(runJar)) {
                throw new IllegalStateException("the studio-simulator is not built (" + runJar + " is missing); "
                        + BUILD_HINT);
            }
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    return startOnce(runJar, LoopbackPorts.free());
                } catch (PortTaken e) {
                    // Another process took the port between probing and binding: try another one.
                    last = e;
                }
            }
            throw last;
        }

        private StudioSimulator startOnce(Path runJar, int port) {
            Path log = logFile(port);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.add("-Dquarkus.http.port=" + port);
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(runJar.toString());
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the studio-simulator", e);
            }
            StudioSimulator simulator = new StudioSimulator(process, port, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI ready = URI.create(simulator.baseUrl() + "/q/health/ready");
            try {
                await("studio-simulator at " + simulator.baseUrl() + " ready")
                        .atMost(readyWithin)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            if (!process.isAlive()) {
                                String tail = tail(log);
                                if (tail.contains("Port " + port + " seems to be in use")
                                        || tail.contains("Address already in use")) {
                                    throw new PortTaken(port);
                                }
                                throw new IllegalStateException("the studio-simulator exited with "
                                        + process.exitValue() + "; its log " + log + " ends with:\n" + tail);
                            }
                            return answers200(http, ready);
                        });
            } catch (RuntimeException e) {
                simulator.close();
                if (e instanceof PortTaken taken) {
                    throw taken;
                }
                throw new IllegalStateException("the studio-simulator did not become ready (log: " + log + "): "
                        + e.getMessage(), e);
            }
            return simulator;
        }

        private static boolean answers200(HttpClient http, URI uri) {
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static Path logFile(int port) {
            Path target = Path.of("target");
            try {
                Path dir = Files.isDirectory(target) ? target : Files.createTempDirectory("sundown-simulator-");
                return dir.toAbsolutePath().resolve("studio-simulator-" + port + ".log");
            } catch (IOException e) {
                throw new UncheckedIOException("no place for the studio-simulator's log", e);
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
                        .collect(Collectors.joining("\n"));
            } catch (IOException | UncheckedIOException e) {
                return "(no output)";
            }
        }
    }

    private static final class PortTaken extends IllegalStateException {
        PortTaken(int port) {
            super("port " + port + " was taken before the studio-simulator could bind it");
        }
    }
}
