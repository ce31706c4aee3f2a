package dev.sundown.e2e;

import static org.awaitility.Awaitility.await;

import dev.sundown.testsupport.JupyterServer;
import dev.sundown.testsupport.KafkaBroker;
import dev.sundown.testsupport.StudioSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The whole of Sundown as a user runs it: the real broker, the studio-simulator, a real Jupyter Server and the four
 * services as separate processes started from their packaged {@code quarkus-run.jar}, with short limits so that an
 * idle period lasts seconds. Logs go to {@code target/stack-logs/<stack>/<service>.log}.
 */
final class Stack implements AutoCloseable {

    /** Sundown's services, by module. */
    enum Service {
        COLLECTOR("activity-collector"),
        EVALUATOR("idle-evaluator"),
        EXECUTOR("shutdown-executor"),
        NOTIFIER("notifier");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    /** The Studio domain of every test world. */
    static final String DOMAIN = "d-e2e00000001";
    static final String SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:sundown-alerts";
    /** The idle limit of the global policy. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(8);
    static final Duration WARN_BEFORE = Duration.ofSeconds(3);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration STALENESS = Duration.ofSeconds(5);
    /**
     * An idle limit for scenarios where an outage must register (the staleness window) or a service must restart
     * before the deadline: with {@link #IDLE_LIMIT} that holds only on a fast machine.
     */
    static final Duration ROOMY_LIMIT = Duration.ofSeconds(20);
    static final String AWS_SECRET = "e2eSecretKey" + UUID.randomUUID().toString().replace("-", "");

    private final String name;
    private final Path logDir;
    private final Path appsDir;
    private final KafkaBroker broker;
    private final StudioSimulator studio;
    private final Simulator simulator;
    private final JupyterServer jupyter;
    private final Map<String, String> targetTokens;
    private final String slackWebhook;
    private final Map<Service, Running> services = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, String>> overrides;
    private final String heap;

    private Stack(String name, Path logDir, Path appsDir, KafkaBroker broker, StudioSimulator studio,
                  JupyterServer jupyter, Map<String, String> targetTokens, String slackWebhook,
                  Map<Service, Map<String, String>> overrides, String heap) {
        this.overrides = overrides;
        this.heap = heap;
        this.name = name;
        this.logDir = logDir;
        this.appsDir = appsDir;
        this.broker = broker;
        this.studio = studio;
        this.simulator = new Simulator(studio.baseUrl(), DOMAIN);
        this.jupyter = jupyter;
        this.targetTokens = targetTokens;
        this.slackWebhook = slackWebhook;
    }

    /**
     * Starts everything. {@code world} is a world file under {@code src/test/resources/worlds/}; its static
     * targets are listed in {@code targetTokens} (name to token) so the collector and the executor know them. The
     * real Jupyter Server is the static target {@code lab}.
     */
    static Stack start(String name, String world, Map<String, String> targetTokens) {
        return start(name, repository().resolve("e2e-tests/src/test/resources/worlds").resolve(world), targetTokens,
                Map.of(), "256m");
    }

    /**
     * Starts everything with settings of a service replaced or added ({@code overrides}) and another heap for the
     * services (the soak's larger fleet).
     */
    static Stack start(String name, Path worldFile, Map<String, String> targetTokens,
                       Map<Service, Map<String, String>> overrides, String heap) {
        requireServiceJars();
        Path target = repository().resolve("e2e-tests").resolve("target");
        Path logDir = target.resolve("stack-logs").resolve(name);
        Path appsDir = target.resolve("stack-apps").resolve(name);
        deleteTree(logDir);
        deleteTree(appsDir);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The services are copied (hard links where possible) so a rebuild during the run cannot change them.
        for (Service s : Service.values()) {
            linkTree(jarDir(s.module), appsDir.resolve(s.module));
        }
        linkTree(jarDir("studio-simulator"), appsDir.resolve("studio-simulator"));

        KafkaBroker broker = KafkaBroker.shared();
        broker.createSundownTopics();
        StudioSimulator studio = StudioSimulator.builder()
                .world(worldFile)
                .jar(appsDir.resolve("studio-simulator/quarkus-run.jar"))
                .property("simulator.sagemaker.create-delay", "300ms")
                .property("simulator.sagemaker.delete-delay", "300ms")
                .property("simulator.sagemaker.deleted-retention", "60s") // listed Deleted long enough for slow cycles
                .property("simulator.sagemaker.default-page-size", "20")
                .property("quarkus.log.file.enabled", "false")
                .start();
        JupyterServer jupyter = null;
        Stack stack = null;
        try {
            jupyter = JupyterServer.start();
            String webhook = studio.baseUrl() + "/slack/webhook/T0E2E/B0E2E/" + UUID.randomUUID().toString()
                    .replace("-", "");
            stack = new Stack(name, logDir, appsDir, broker, studio, jupyter, Map.copyOf(targetTokens), webhook,
                    overrides, heap);
            for (Service s : Service.values()) {
                stack.launch(s, freePort());
            }
            for (Service s : Service.values()) {
                stack.awaitReady(s);
            }
            return stack;
        } catch (RuntimeException | Error e) {
            if (stack != null) {
                stack.close();
            } else {
                if (jupyter != null) {
                    jupyter.close();
                }
                studio.close();
            }
            throw e;
        }
    }

    Simulator simulator() {
        return simulator;
    }

    JupyterServer jupyter() {
        return jupyter;
    }

    KafkaBroker broker() {
        return broker;
    }

    String url(Service service) {
        return "http://127.0.0.1:" + services.get(service).port;
    }

    Path logDir() {
        return logDir;
    }

    /** Every secret the run handed out: tokens, the webhook URL, the AWS secret key. */
    List<String> secrets() {
        List<String> out = new ArrayList<>(targetTokens.values());
        out.add(jupyter.token());
        out.add(slackWebhook);
        out.add(slackWebhook.substring(slackWebhook.indexOf("/slack/webhook/")));
        out.add(AWS_SECRET);
        return out;
    }

    /** Gives {@code scope} the idle limit {@link #ROOMY_LIMIT}, warned {@link #WARN_BEFORE} ahead. */
    void roomyLimit(String scope) {
        putLimit(scope, ROOMY_LIMIT, WARN_BEFORE);
    }

    /** Gives {@code scope} a policy of {@code idleLimit}, warned {@code warnBefore} ahead. */
    void putLimit(String scope, Duration idleLimit, Duration warnBefore) {
        putPolicy(scope, "{\"idleLimit\": \"" + idleLimit + "\", \"warnBefore\": \"" + warnBefore + "\"}");
    }

    /** Stores a policy through the evaluator's policy API and waits until the API serves it back. */
    void putPolicy(String scope, String json) {
        String url = url(Service.EVALUATOR) + "/policies/" + scope;
        Http.put(url, json).expect2xx("policy " + scope);
        await("policy " + scope + " in force").atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(url).status() == 200);
    }

    /** Kills a service the hard way (SIGKILL, no shutdown hook), as a crash or an OOM killer would. */
    void kill9(Service service) {
        Running r = services.get(service);
        r.process.destroyForcibly();
        try {
            r.process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a service again on its port, with the same settings, and waits until it is ready. */
    void restart(Service service) {
        Running r = services.get(service);
        if (r.process.isAlive()) {
            kill9(service);
        }
        launch(service, r.port);
        awaitReady(service);
    }

    /** The operating-system process id of a running service. */
    long pid(Service service) {
        return services.get(service).process.pid();
    }

    boolean isAlive(Service service) {
        return services.get(service).process.isAlive();
    }

    @Override
    public void close() {
        for (Running r : services.values()) {
            r.process.destroy();
        }
        for (Running r : services.values()) {
            try {
                if (!r.process.waitFor(15, TimeUnit.SECONDS)) {
                    r.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.process.destroyForcibly();
            }
            r.process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        dumpTopics();
        if (jupyter != null) {
            jupyter.close();
        }
        studio.close();
        deleteTree(appsDir);
    }

    /** Keeps every topic of the run next to the logs ({@code topics/<topic>.txt}: key, tab, value), as evidence. */
    private void dumpTopics() {
        try {
            Path dir = Files.createDirectories(logDir.resolve("topics"));
            for (String topic : TopicReader.all()) {
                if (topic.startsWith("__")) {
                    continue;
                }
                // streamed to the file: a soak's activity topics hold millions of records
                try (java.io.BufferedWriter out = Files.newBufferedWriter(dir.resolve(topic + ".txt"))) {
                    TopicReader.forEachToEnd(topic, Duration.ofMinutes(10), r -> {
                        String value = r.value() == null ? "null" : new String(r.value(),
                                java.nio.charset.StandardCharsets.UTF_8);
                        try {
                            out.append(r.key()).append('\t')
                                    .append(value.length() > 4000 ? value.substring(0, 4000) + "...(cut)" : value)
                                    .append('\n');
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not keep the topics of " + name + ": " + e);
        }
    }

    // ---------------------------------------------------------------- processes

    private void launch(Service service, int port) {
        Path jar = appsDir.resolve(service.module).resolve("quarkus-run.jar");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + logDir.toAbsolutePath()));
        Map<String, String> props = settings(service, port);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logDir.resolve(service.module + ".log");
        try {
            Files.writeString(log, "=== start " + Instant.now() + " port " + port + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            services.put(service, new Running(process, port, log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module, e);
        }
    }

    private void awaitReady(Service service) {
        Running r = services.get(service);
        String ready = "http://127.0.0.1:" + r.port + "/q/health/ready";
        await(service.module + " ready (log " + r.log + ")")
                .atMost(Duration.ofSeconds(Integer.getInteger("sundown.e2e.ready-seconds", 180)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!r.process.isAlive()) {
                        throw new IllegalStateException(service.module + " exited with " + r.process.exitValue()
                                + "; see " + r.log);
                    }
                    return Http.answers200(ready);
                });
    }

    private Map<String, String> settings(Service service, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        String kafka = broker.bootstrapServers();
        String sim = studio.baseUrl();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", String.valueOf(port));
        p.put("kafka.bootstrap.servers", kafka);
        p.put("quarkus.kafka.devservices.enabled", "false");
        p.put("sundown.e2e.simulator-url", sim);
        p.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        switch (service) {
            case COLLECTOR -> {
                p.put("sundown.collector.poll-interval", iso(POLL_INTERVAL));
                p.put("sundown.collector.tick", "PT0.2S");
                p.put("sundown.collector.jitter", "0");
                p.put("sundown.collector.request-timeout", "PT2S");
                p.put("sundown.collector.backoff.max", "PT2S");
                targets(p, "sundown.collector.jupyter.targets");
                p.put("sundown.collector.studio.enabled", "true");
                p.put("sundown.collector.studio.endpoint-override", sim);
                p.put("sundown.collector.studio.access-key-id", "e2e");
                p.put("sundown.collector.studio.secret-access-key", AWS_SECRET);
                p.put("sundown.collector.studio.retry-base-delay", "PT0.05S");
                p.put("sundown.collector.studio.retry-max-delay", "PT0.5S");
                p.put("sundown.collector.studio.max-attempts", "6");
                p.put("sundown.collector.studio.session-duration", "PT1H");
                p.put("sundown.collector.compliance.interval", "PT1H");
                p.put("sundown.collector.compliance.staleness-window", iso(STALENESS));
            }
            case EVALUATOR -> {
                p.put("sundown.evaluator.default-policy.idle-limit", iso(IDLE_LIMIT));
                p.put("sundown.evaluator.default-policy.warn-before", iso(WARN_BEFORE));
                p.put("sundown.evaluator.poll-interval", iso(POLL_INTERVAL));
                p.put("sundown.evaluator.staleness-window", iso(STALENESS));
                p.put("sundown.evaluator.punctuation-interval", "PT0.25S");
                p.put("quarkus.kafka-streams.bootstrap-servers", kafka);
                p.put("kafka-streams.state.dir", logDir.resolve("evaluator-state").toAbsolutePath().toString());
                p.put("kafka-streams.consumer.session.timeout.ms", "6000");
                p.put("kafka-streams.consumer.heartbeat.interval.ms", "500");
            }
            case EXECUTOR -> {
                targets(p, "sundown.executor.jupyter.targets");
                p.put("sundown.executor.sagemaker.endpoint-override", sim);
                p.put("sundown.executor.sagemaker.access-key-id", "e2e");
                p.put("sundown.executor.sagemaker.secret-access-key", AWS_SECRET);
                p.put("sundown.executor.sagemaker.calls-per-second", "50");
                p.put("sundown.executor.request-timeout", "PT3S");
                p.put("sundown.executor.retry.max-attempts", "10");
                p.put("sundown.executor.retry.initial-backoff", "PT0.05S");
                p.put("sundown.executor.retry.max-backoff", "PT0.5S");
                p.put("sundown.executor.retry.deadline", "PT30S");
                p.put("mp.messaging.incoming.commands.session.timeout.ms", "6000");
                p.put("mp.messaging.incoming.commands.heartbeat.interval.ms", "500");
            }
            case NOTIFIER -> {
                p.put("sundown.notifier.sns.endpoint", sim + "/sns");
                p.put("sundown.notifier.sns.access-key-id", "e2e");
                p.put("sundown.notifier.sns.secret-access-key", AWS_SECRET);
                p.put("sundown.notifier.sns.admin-topic-arn", SNS_TOPIC);
                p.put("sundown.notifier.slack.webhook-url", slackWebhook);
                p.put("sundown.notifier.compliance.settle", "PT1S");
                p.put("sundown.notifier.compliance.max-wait", "PT10S");
                p.put("sundown.notifier.compliance.coverage-linger", "PT1S");
                p.put("sundown.notifier.retry.max-attempts", "8");
                p.put("sundown.notifier.retry.initial-backoff", "PT0.1S");
                p.put("sundown.notifier.retry.max-backoff", "PT1S");
                p.put("sundown.notifier.retry.max-retry-after", "PT2S");
                p.put("sundown.notifier.tick", "PT0.2S");
                p.put("sundown.notifier.digest.scheduled", "false");
                for (String channel : List.of("compliance", "notices", "results", "sns-outbox", "slack-outbox")) {
                    p.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "6000");
                    p.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "500");
                }
            }
            default -> throw new IllegalArgumentException(service.name());
        }
        p.putAll(overrides.getOrDefault(service, Map.of()));
        return p;
    }

    private void targets(Map<String, String> p, String prefix) {
        p.put(prefix + ".lab.url", jupyter.baseUrl());
        p.put(prefix + ".lab.token", jupyter.token());
        targetTokens.forEach((target, token) -> {
            p.put(prefix + "." + target + ".url", studio.baseUrl() + "/targets/" + target);
            p.put(prefix + "." + target + ".token", token);
        });
    }

    private static String iso(Duration d) {
        return d.toString();
    }

    private record Running(Process process, int port, Path log) {
    }

    // ---------------------------------------------------------------- jars and files

    static Path repository() {
        String configured = System.getProperty("sundown.e2e.repository");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return StudioSimulator.repositoryRoot();
    }

    private static Path jarDir(String module) {
        return repository().resolve(module).resolve("target").resolve("quarkus-app");
    }

    /**
     * Skips the calling class when a packaged service is missing, except in CI ({@code CI=true}), where a missing
     * jar fails it: CI never passes by skipping the system test.
     */
    static void requireServiceJars() {
        List<String> missing = new ArrayList<>();
        for (String module : List.of("activity-collector", "idle-evaluator", "shutdown-executor", "notifier",
                "studio-simulator")) {
            if (!Files.isRegularFile(jarDir(module).resolve("quarkus-run.jar"))) {
                missing.add(module);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the end-to-end tests need the packaged services, missing: " + missing
                + "; build them first: mvn -B package -DskipTests (from the repository root)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void linkTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path dest = to.resolve(from.relativize(file).toString());
                    try {
                        Files.createLink(dest, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held by a dying process: left for the next clean
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
