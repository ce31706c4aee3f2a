package dev.sundown.executor.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged executor ({@code target/quarkus-app/quarkus-run.jar}, built in the {@code package} phase) as its own
 * JVM, as it runs in production: the {@code prod} profile, settings as system properties. It can be killed the hard
 * way (SIGKILL: no shutdown hook, no offset commit, no graceful close) and started again with the same settings.
 */
final class ExecutorProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> settings;
    private final Path log;
    private Process process;
    private Thread killOnExit;

    private ExecutorProcess(String name, Map<String, String> settings) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.log = JAR.toAbsolutePath().getParent().getParent().resolve("executor-" + name + ".log");
    }

    /** Starts an executor with {@code settings} (system properties) and returns once it is ready. */
    static ExecutorProcess start(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first "
                    + "(mvn -pl shutdown-executor verify)");
        }
        ExecutorProcess executor = new ExecutorProcess(name, settings);
        executor.launch();
        return executor;
    }

    /** SIGKILL, as a crash or the OOM killer would stop it, and waits until the process is gone. */
    void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor " + name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        removeHook();
    }

    /** Starts the process again with the same settings (on a fresh HTTP port) and waits until it is ready. */
    void restart() {
        if (process.isAlive()) {
            kill9();
        }
        launch();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    private void launch() {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        Map<String, String> props = new LinkedHashMap<>(settings);
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", String.valueOf(port));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        try {
            Files.writeString(log, "=== start " + Instant.now() + " port " + port + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the executor " + name, e);
        }
        Process started = process;
        killOnExit = new Thread(started::destroyForcibly, "sundown-executor-" + name + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        await("executor " + name + " ready (log " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("executor " + name + " exited with " + started.exitValue()
                                + "; see " + log);
                    }
                    return answers200(ready);
                });
    }

    private static boolean answers200(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook finds the process gone.
        }
    }

    /**
     * Stops the executor. A graceful stop takes seconds (consumers leave their groups) and the tests need none, so
     * this is a SIGKILL too.
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }
}
