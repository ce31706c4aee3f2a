package dev.sundown.collector.it;

import com.sun.net.httpserver.HttpServer;
import dev.sundown.testsupport.JupyterServer;
import dev.sundown.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The real parts the collector reads in tests: the shared Kafka broker, three real Jupyter Servers ({@code lab}
 * with work on it, {@code quiet} left alone, {@code doomed} to be killed), and two servers that answer garbage
 * ({@code html}: a login page; {@code wrongjson}: JSON of the wrong shape). Push is enabled for target
 * {@code agent}.
 */
public class JupyterFleet implements QuarkusTestResourceLifecycleManager {

    public static final String PUSH_TOKEN = "push-secret-5f1e";
    public static final int PUSH_MAX_BYTES = 65536;

    static JupyterServer lab;
    static JupyterServer quiet;
    static JupyterServer doomed;
    private static HttpServer garbage;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = SharedBroker.start();
        lab = JupyterServer.start();
        quiet = JupyterServer.start();
        doomed = JupyterServer.start();
        garbage = garbageServer();
        String garbageUrl = "http://127.0.0.1:" + garbage.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", broker.bootstrapServers());
        target(config, "lab", lab.baseUrl(), lab.token());
        target(config, "quiet", quiet.baseUrl(), quiet.token());
        target(config, "doomed", doomed.baseUrl(), doomed.token());
        target(config, "html", garbageUrl + "/html", "garbage-token-html");
        target(config, "wrongjson", garbageUrl + "/wrongjson", "garbage-token-json");
        config.put("sundown.collector.push.enabled", "true");
        config.put("sundown.collector.push.targets.agent.token", PUSH_TOKEN);
        config.put("sundown.collector.push.max-bytes", Integer.toString(PUSH_MAX_BYTES));
        config.put("sundown.collector.push.targets.silent.token", "silent-push-token");
        config.put("sundown.collector.push.stale-after", "PT3S");
        return config;
    }

    private static void target(Map<String, String> config, String name, String url, String token) {
        config.put("sundown.collector.jupyter.targets." + name + ".url", url);
        config.put("sundown.collector.jupyter.targets." + name + ".token", token);
    }

    private static HttpServer garbageServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/html", exchange -> reply(exchange, "text/html",
                    "<!DOCTYPE html><html><body><form action=\"/login\">Password</form></body></html>"));
            server.createContext("/wrongjson", exchange -> reply(exchange, "application/json",
                    "{\"message\":\"everything is fine\"}"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the garbage server", e);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        for (JupyterServer s : new JupyterServer[] {lab, quiet, doomed}) {
            if (s != null) {
                s.close();
            }
        }
        if (garbage != null) {
            garbage.stop(0);
        }
    }
}
