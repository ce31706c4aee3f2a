package dev.sundown.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An open {@code /api/kernels/{id}/channels} websocket, speaking the Jupyter messaging protocol (JSON frames).
 * While it is open the kernel counts one connection; opening it is what takes a new kernel out of
 * {@code starting}.
 */
public final class KernelChannels implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kernelId;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, CompletableFuture<Void>> idleByRequest = new ConcurrentHashMap<>();
    private final WebSocket socket;

    private KernelChannels(String kernelId, WebSocket socket) {
        this.kernelId = kernelId;
        this.socket = socket;
    }

    static KernelChannels open(HttpClient http, URI channelsUri, String token, String kernelId) {
        Receiver receiver = new Receiver();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "token " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(channelsUri, receiver)
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
        KernelChannels channels = new KernelChannels(kernelId, socket);
        receiver.owner = channels;
        return channels;
    }

    public String kernelId() {
        return kernelId;
    }

    /** Sends an {@code execute_request} for {@code code} and returns its message id, without waiting. */
    public String execute(String code) {
        ObjectNode content = JSON.createObjectNode();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", false);
        content.putObject("user_expressions");
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        return send("execute_request", content);
    }

    /**
     * Sends a {@code kernel_info_request}, which makes the kernel publish a busy and an idle status. Returns its
     * message id, without waiting.
     */
    public String requestKernelInfo() {
        return send("kernel_info_request", JSON.createObjectNode());
    }

    private String send(String msgType, ObjectNode content) {
        String msgId = UUID.randomUUID().toString();
        idleByRequest.put(msgId, new CompletableFuture<>());
        ObjectNode message = JSON.createObjectNode();
        ObjectNode header = message.putObject("header");
        header.put("msg_id", msgId);
        header.put("username", "sundown-test");
        header.put("session", session);
        header.put("msg_type", msgType);
        header.put("version", "5.3");
        header.put("date", Instant.now().toString());
        message.putObject("parent_header");
        message.putObject("metadata");
        message.set("content", content);
        message.put("channel", "shell");
        message.putArray("buffers");
        synchronized (socket) {
            socket.sendText(message.toString(), true).orTimeout(10, TimeUnit.SECONDS).join();
        }
        return msgId;
    }

    /** Runs {@code code} and returns once the kernel reports {@code idle} for this request. */
    public void executeAndWait(String code, Duration atMost) {
        awaitIdle(execute(code), atMost);
    }

    private void awaitIdle(String msgId, Duration atMost) {
        try {
            idleByRequest.get(msgId).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kernel " + kernelId + " ran code", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kernel " + kernelId + " channels failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("kernel " + kernelId + " did not finish within " + atMost, e);
        } finally {
            idleByRequest.remove(msgId);
        }
    }

    @Override
    public void close() {
        idleByRequest.values().forEach(f -> f.completeExceptionally(new IllegalStateException("channels closed")));
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                // The server may already be gone (killed by the test); the socket is dropped either way.
            }
        }
        socket.abort();
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (java.io.IOException e) {
            return;
        }
        if ("status".equals(message.path("header").path("msg_type").asText())
                && "idle".equals(message.path("content").path("execution_state").asText())) {
            CompletableFuture<Void> done = idleByRequest.get(message.path("parent_header").path("msg_id").asText());
            if (done != null) {
                done.complete(null);
            }
        }
    }

    private void onFailure(Throwable error) {
        idleByRequest.values().forEach(f -> f.completeExceptionally(error));
    }

    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile KernelChannels owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                KernelChannels channels = owner;
                if (channels != null) {
                    channels.onMessage(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            KernelChannels channels = owner;
            if (channels != null) {
                channels.onFailure(error);
            }
        }
    }
}
