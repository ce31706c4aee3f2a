package dev.sundown.simulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URL;
import java.time.Duration;

/** The simulator under test, reached with the Vert.x Web Client: its base URL and its admin API. */
public final class Simulator {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private final WebClient client;
    private final String baseUrl;

    public Simulator(Vertx vertx, URL anyUrl) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        this.baseUrl = "http://localhost:" + anyUrl.getPort();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public WebClient client() {
        return client;
    }

    public HttpResponse<Buffer> get(String path) {
        return client.getAbs(baseUrl + path).send().await().atMost(WAIT);
    }

    public HttpResponse<Buffer> post(String path, Object json) {
        return client.postAbs(baseUrl + path).sendBuffer(body(json)).await().atMost(WAIT);
    }

    public HttpResponse<Buffer> put(String path, Object json) {
        return client.putAbs(baseUrl + path).sendBuffer(body(json)).await().atMost(WAIT);
    }

    public HttpResponse<Buffer> delete(String path) {
        return client.deleteAbs(baseUrl + path).send().await().atMost(WAIT);
    }

    /** Reloads the world file and clears sessions, faults and records. */
    public void reset() {
        expect(post("/_sim/reset", null), 204);
    }

    public JsonArray calls(String service, String operation) {
        return get("/_sim/calls?service=" + service + "&operation=" + operation).bodyAsJsonArray();
    }

    public void faults(JsonObject settings) {
        expect(put("/_sim/faults", settings), 200);
    }

    public static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.bodyAsString());
        }
        return response;
    }

    public void close() {
        client.close();
    }

    private static Buffer body(Object json) {
        if (json == null) {
            return Buffer.buffer();
        }
        if (json instanceof String text) {
            return Buffer.buffer(text);
        }
        return Buffer.buffer(json instanceof JsonObject object ? object.encode() : ((JsonArray) json).encode());
    }
}
