package dev.sundown.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Jupyter Server ({@code /usr/bin/jupyter-server}) on a free loopback port with a random token, its own
 * runtime, config and root directories, and helpers to create and drive kernels and terminals the way a user's
 * browser would.
 *
 * <pre>{@code
 * try (JupyterServer jupyter = JupyterServer.start()) {
 *     String kernel = jupyter.startKernel();
 *     jupyter.connect(kernel);                       // the kernel leaves "starting"
 *     jupyter.executeAndWait(kernel, "x = 1");       // moves its last_activity
 * }
 * }</pre>
 *
 * Tests that need it are skipped (or fail, under {@code CI=true}) when the Debian packages are missing: see
 * {@link #assumeInstalled()}.
 */
public final class JupyterServer implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/jupyter-server");
    public static final String INSTALL_HINT =
            "apt-get install --no-install-recommends jupyter-server python3-ipykernel python3-terminado";

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static volatile String missing;

    private final Process process;
    private final Path home;
    private final String baseUrl;
    private final String token;
    private final HttpClient http;
    private final Map<String, KernelChannels> channels = new ConcurrentHashMap<>();
    private final Map<String, WebSocket> terminalSockets = new ConcurrentHashMap<>();
    private final Set<ProcessHandle> children = ConcurrentHashMap.newKeySet();

    private JupyterServer(Process process, Path home, int port, String token) {
        this.process = process;
        this.home = home;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Skips the calling test when Jupyter Server, ipykernel or terminado is not installed, naming the packages
     * to install. Under {@code CI=true} it fails instead: CI must never skip the Jupyter tests.
     */
    public static void assumeInstalled() {
        assumeInstalled(missingParts(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void assumeInstalled(String problem, boolean ci) {
        if (problem == null) {
            return;
        }
        String message = problem + "; install it with: " + INSTALL_HINT;
        if (ci) {
            Assertions.fail(message + " (CI=true: Jupyter tests must not be skipped)");
        }
        Assumptions.abort(message);
    }

    /** Null when everything is installed, otherwise what is missing. */
    private static String missingParts() {
        String known = missing;
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String problem = null;
        if (!Files.isExecutable(EXECUTABLE)) {
            problem = EXECUTABLE + " is missing";
        } else if (!Files.isExecutable(PYTHON)) {
            problem = PYTHON + " is missing";
        } else {
            try {
                Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import ipykernel, terminado")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                    check.destroyForcibly();
                    problem = "python3-ipykernel or python3-terminado is missing";
                }
            } catch (IOException e) {
                problem = "cannot run " + PYTHON + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted while checking for ipykernel";
            }
        }
        missing = problem == null ? "" : problem;
        return problem;
    }

    /** Starts a server (calling {@link #assumeInstalled()} first) and returns once {@code /api/status} answers. */
    public static JupyterServer start() {
        assumeInstalled();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(LoopbackPorts.free());
            } catch (IllegalStateException e) {
                // Most likely another process took the port between probing and binding: try another one.
                last = e;
            }
        }
        throw last;
    }

    private static JupyterServer startOnce(int port) {
        Path home;
        try {
            home = Files.createTempDirectory("sundown-jupyter-");
            Files.createDirectories(home.resolve("runtime"));
            Files.createDirectories(home.resolve("config"));
            Files.createDirectories(home.resolve("ipython"));
            Files.createDirectories(home.resolve("root"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Jupyter Server's directories", e);
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "--no-browser", "--allow-root",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--port-retries=0",
                "--ServerApp.token=" + token,
                "--ServerApp.root_dir=" + home.resolve("root"))
                .directory(home.resolve("root").toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("IPYTHONDIR", home.resolve("ipython").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        env.put("SHELL", "/bin/bash");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + EXECUTABLE, e);
        }
        JupyterServer server = new JupyterServer(process, home, port, token);
        try {
            await("Jupyter Server at " + server.baseUrl + " answering /api/status")
                    .atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Jupyter Server exited with " + process.exitValue()
                                    + ":\n" + server.logTail());
                        }
                        return server.answers();
                    });
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("Jupyter Server did not start: " + e.getMessage(), e);
        }
        return server;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    /** The server's own output ({@code server.log} in its temp directory). */
    public Path log() {
        return home.resolve("server.log");
    }

    /** The directory notebooks and files are served from. */
    public Path rootDir() {
        return home.resolve("root");
    }

    /** {@code POST /api/kernels}: a new python3 kernel, left in {@code starting} until someone connects. */
    public String startKernel() {
        return request("POST", "/api/kernels", "{\"name\":\"python3\"}").path("id").asText();
    }

    /**
     * A new kernel that a client connected to and that ran code, with its activity standing still: the server may
     * record late messages of the connection handshake (kernel-info requests and their status messages) after the
     * kernel first reads {@code idle}, so this waits until two reads 0.7 s apart agree on state and last activity.
     */
    public String startSettledKernel() {
        String kernel = startKernel();
        executeAndWait(kernel, "pass");
        String[] previous = {null};
        await("kernel " + kernel + " settled").pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(700))
                .atMost(READY_WITHIN).until(() -> {
                    JsonNode now = kernel(kernel);
                    String seen = now.path("execution_state").asText() + "@" + now.path("last_activity").asText();
                    boolean settled = seen.startsWith("idle@") && seen.equals(previous[0]);
                    previous[0] = seen;
                    return settled;
                });
        return kernel;
    }

    /** {@code POST /api/sessions} for a notebook at {@code notebookPath}; returns the session's kernel id. */
    public String startSession(String notebookPath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("path", notebookPath);
        body.put("name", Path.of(notebookPath).getFileName().toString());
        body.put("type", "notebook");
        body.putObject("kernel").put("name", "python3");
        return request("POST", "/api/sessions", body.toString()).path("kernel").path("id").asText();
    }

    /**
     * Opens the kernel's channels websocket, as a browser tab does, and returns once the kernel has left
     * {@code starting} (later calls return the same open channels). Closed by {@link #close()}.
     *
     * <p>The server asks a newly connected kernel for its info, but the status messages of a kernel that has
     * just booted can reach the server before it listens for them, leaving it reported as {@code starting}.
     * So this asks again, once a second, until the server has seen the kernel's status.
     */
    public KernelChannels connect(String kernelId) {
        KernelChannels opened = channels.computeIfAbsent(kernelId, id -> KernelChannels.open(http,
                URI.create(baseUrl.replace("http://", "ws://") + "/api/kernels/" + id + "/channels"), token, id));
        long[] lastAsked = {System.nanoTime()};
        await("kernel " + kernelId + " leaving 'starting'")
                .atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!"starting".equals(executionState(kernelId))) {
                        return true;
                    }
                    if (System.nanoTime() - lastAsked[0] > Duration.ofSeconds(1).toNanos()) {
                        opened.requestKernelInfo();
                        lastAsked[0] = System.nanoTime();
                    }
                    return false;
                });
        return opened;
    }

    /** Sends {@code code} to the kernel (connecting first if needed) and returns once the request is sent. */
    public void execute(String kernelId, String code) {
        connect(kernelId).execute(code);
    }

    /**
     * Runs {@code code} in the kernel and returns once the kernel is {@code idle} again (60 s at most), as the client
     * saw it and as {@code /api/kernels} reports it: the server relays the kernel's idle status to the client and
     * records it in its own model separately, so the REST API can still say {@code busy} for a moment.
     */
    public void executeAndWait(String kernelId, String code) {
        executeAndWait(kernelId, code, Duration.ofSeconds(60));
    }

    public void executeAndWait(String kernelId, String code, Duration atMost) {
        connect(kernelId).executeAndWait(code, atMost);
        await("kernel " + kernelId + " idle on /api/kernels").atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> "idle".equals(executionState(kernelId)));
    }

    /** {@code POST /api/terminals}; returns the terminal's name. */
    public String startTerminal() {
        return request("POST", "/api/terminals", "{}").path("name").asText();
    }

    /**
     * Types {@code text} into the terminal through {@code /terminals/websocket/{name}} (a
     * {@code ["stdin", text]} frame) and returns once it is sent. Include {@code \r} to press Enter.
     */
    public void type(String terminalName, String text) {
        WebSocket socket = terminalSockets.computeIfAbsent(terminalName, name -> http.newWebSocketBuilder()
                .header("Authorization", "token " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/terminals/websocket/" + name),
                        new DiscardingListener())
                .orTimeout(15, TimeUnit.SECONDS)
                .join());
        String frame = JSON.createArrayNode().add("stdin").add(text).toString();
        synchronized (socket) {
            socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** {@code GET /api/kernels/{id}?no_track_activity=1}. */
    public JsonNode kernel(String id) {
        return request("GET", "/api/kernels/" + id + "?no_track_activity=1", null);
    }

    private String executionState(String kernelId) {
        return kernel(kernelId).path("execution_state").asText();
    }

    /** {@code GET /api/kernels?no_track_activity=1}. */
    public List<JsonNode> kernels() {
        return list("/api/kernels?no_track_activity=1");
    }

    /** {@code GET /api/sessions?no_track_activity=1}. */
    public List<JsonNode> sessions() {
        return list("/api/sessions?no_track_activity=1");
    }

    /** {@code GET /api/terminals?no_track_activity=1}. */
    public List<JsonNode> terminals() {
        return list("/api/terminals?no_track_activity=1");
    }

    /** {@code GET /api/status?no_track_activity=1}: the server's {@code last_activity} and its counts. */
    public JsonNode status() {
        return request("GET", "/api/status?no_track_activity=1", null);
    }

    /**
     * Any API call with the token, e.g. {@code request("DELETE", "/api/kernels/" + id, null)}. Returns the body
     * as JSON (an empty object for an empty body); fails on a status other than 2xx.
     */
    public JsonNode request(String method, String pathAndQuery, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + token)
                .header("Accept", "application/json");
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + pathAndQuery, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + pathAndQuery + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " did not answer JSON", e);
        }
    }

    /** Whether {@code /api/status} answers 200 right now. */
    public boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/api/status?no_track_activity=1"))
                    .timeout(Duration.ofSeconds(2))
                    .header("Authorization", "token " + token)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGKILLs the server, as a crashed or unreachable server: its port refuses connections from now on. Its
     * kernels and terminals are not told; {@link #close()} still cleans them up.
     */
    public void kill() {
        rememberChildren();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the websockets, stops the server and every kernel and terminal it started, deletes its files. */
    @Override
    public void close() {
        channels.values().forEach(KernelChannels::close);
        channels.clear();
        terminalSockets.values().forEach(WebSocket::abort);
        terminalSockets.clear();
        rememberChildren();
        if (process.isAlive()) {
            // SIGTERM: the server shuts its kernels down itself.
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
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        children.forEach(child -> child.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join());
        deleteHome();
    }

    private void rememberChildren() {
        if (process.isAlive()) {
            process.descendants().forEach(children::add);
        }
    }

    private List<JsonNode> list(String pathAndQuery) {
        List<JsonNode> items = new ArrayList<>();
        request("GET", pathAndQuery, null).forEach(items::add);
        return items;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void deleteHome() {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private static final class DiscardingListener implements WebSocket.Listener {
        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data,
                                                              boolean last) {
            webSocket.request(1);
            return null;
        }
    }
}
