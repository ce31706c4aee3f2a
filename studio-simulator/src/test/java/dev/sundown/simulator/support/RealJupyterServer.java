package dev.sundown.simulator.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** A real Jupyter Server 1.23 ({@code /usr/bin/jupyter-server}) on a free loopback port, with a token. */
public final class RealJupyterServer implements AutoCloseable {

    private final Process process;
    private final Path home;
    private final String url;
    private final String token = UUID.randomUUID().toString();

    public RealJupyterServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        home = Files.createTempDirectory("jupyter-");
        url = "http://127.0.0.1:" + port;
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/jupyter-server", "--no-browser", "--allow-root",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--ServerApp.token=" + token,
                "--ServerApp.root_dir=" + home, "--ServerApp.port_retries=0")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        builder.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        builder.environment().put("JUPYTER_DATA_DIR", home.resolve("data").toString());
        process = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("jupyter-server exited: " + Files.readString(home.resolve("server.log")));
            }
            try {
                return client.send(HttpRequest.newBuilder(URI.create(url + "/api/status"))
                        .header("Authorization", "token " + token).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
