package dev.sundown.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The little of the Jupyter Server REST and kernel messaging API the detection benchmark needs. */
final class Jupyter {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Jupyter(String name, String baseUrl, String token) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    String startKernel() {
        return request("POST", "/api/kernels", "{\"name\":\"python3\"}").path("id").asText();
    }

    /** Kernel id to the kernel's JSON, never counting as activity. */
    Map<String, JsonNode> kernels() {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode k : request("GET", "/api/kernels?no_track_activity=1", null)) {
            out.put(k.path("id").asText(), k);
        }
        return out;
    }

    JsonNode request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "token " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " on " + name + " answered " + r.statusCode());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + name + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the kernel's channels (takes it out of 'starting'); returns once the server reports it idle. */
    Channels connect(String kernelId) {
        Channels c = new Channels();
        c.socket = http.newWebSocketBuilder()
                .header("Authorization", "token " + token)
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/api/kernels/" + kernelId + "/channels"),
                        c.listener)
                .orTimeout(120, TimeUnit.SECONDS)
                .join();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode k = request("GET", "/api/kernels/" + kernelId + "?no_track_activity=1", null);
            if (!"starting".equals(k.path("execution_state").asText())) {
                return c;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("kernel " + kernelId + " on " + name + " stays 'starting'");
            }
            c.send("kernel_info_request", JSON.createObjectNode());
            sleep(500);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One open channels websocket. */
    static final class Channels {
        private final String session = UUID.randomUUID().toString();
        private final Map<String, CompletableFuture<Instant>> idle = new ConcurrentHashMap<>();
        private WebSocket socket;
        private final WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    onMessage(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ws.request(1);
                return null;
            }
        };

        /** Runs {@code code}; the future completes when the kernel reports idle for it. */
        CompletableFuture<Instant> execute(String code) {
            ObjectNode content = JSON.createObjectNode();
            content.put("code", code);
            content.put("silent", false);
            content.put("store_history", false);
            content.putObject("user_expressions");
            content.put("allow_stdin", false);
            content.put("stop_on_error", true);
            return send("execute_request", content);
        }

        CompletableFuture<Instant> send(String type, ObjectNode content) {
            String id = UUID.randomUUID().toString();
            CompletableFuture<Instant> done = new CompletableFuture<>();
            idle.put(id, done);
            ObjectNode m = JSON.createObjectNode();
            ObjectNode h = m.putObject("header");
            h.put("msg_id", id);
            h.put("username", "bench");
            h.put("session", session);
            h.put("msg_type", type);
            h.put("version", "5.3");
            h.put("date", Instant.now().toString());
            m.putObject("parent_header");
            m.putObject("metadata");
            m.set("content", content);
            m.put("channel", "shell");
            m.putArray("buffers");
            synchronized (this) {
                socket.sendText(m.toString(), true).orTimeout(10, TimeUnit.SECONDS).join();
            }
            return done;
        }

        void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                // dropped below either way
            }
            socket.abort();
        }

        private void onMessage(String text) {
            try {
                JsonNode m = JSON.readTree(text);
                if ("status".equals(m.path("header").path("msg_type").asText())
                        && "idle".equals(m.path("content").path("execution_state").asText())) {
                    CompletableFuture<Instant> f = idle.remove(m.path("parent_header").path("msg_id").asText());
                    if (f != null) {
                        f.complete(Instant.now());
                    }
                }
            } catch (IOException e) {
                // not JSON: ignored
            }
        }
    }
}
