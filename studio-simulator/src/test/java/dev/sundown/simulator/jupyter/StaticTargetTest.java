package dev.sundown.simulator.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sundown.simulator.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaticTargetTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL url;
    @Inject
    Vertx vertx;

    Simulator simulator;

    @BeforeEach
    void setUp() {
        simulator = new Simulator(vertx, url);
        simulator.reset();
    }

    @AfterEach
    void tearDown() {
        simulator.close();
    }

    @Test
    void shouldRequireTheTargetsToken() {
        HttpResponse<Buffer> none = simulator.get("/targets/jh-alice/api/kernels");
        HttpResponse<Buffer> wrong = get("jh-alice", "/api/kernels", "demo-token-gpu");
        HttpResponse<Buffer> inQuery = simulator.get("/targets/jh-alice/api/kernels?token=demo-token-alice");

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Forbidden").putNull("reason"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(inQuery.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeKernelsSessionsTerminalsAndStatusOfADemoTarget() {
        JsonArray kernels = get("jh-alice", "/api/kernels", "demo-token-alice").bodyAsJsonArray();
        JsonArray sessions = get("jh-alice", "/api/sessions", "demo-token-alice").bodyAsJsonArray();
        JsonArray terminals = get("jh-alice", "/api/terminals", "demo-token-alice").bodyAsJsonArray();
        JsonObject status = get("jh-alice", "/api/status", "demo-token-alice").bodyAsJsonObject();

        assertThat(kernels).hasSize(2);
        assertThat(kernels.getJsonObject(0).fieldNames())
                .containsExactlyInAnyOrder("id", "name", "last_activity", "execution_state", "connections");
        assertThat(sessions).hasSize(2);
        assertThat(sessions.getJsonObject(0).getJsonObject("notebook").getString("path")).isEqualTo("notebooks/report.ipynb");
        assertThat(terminals).singleElement().satisfies(t -> assertThat(((JsonObject) t).getString("name")).isEqualTo("1"));
        assertThat(Instant.parse(terminals.getJsonObject(0).getString("last_activity")))
                .isBefore(Instant.now().minus(Duration.ofMinutes(7)));
        assertThat(status.getInteger("kernels")).isEqualTo(2);
        assertThat(get("jh-alice", "/api/kernels/" + kernels.getJsonObject(0).getString("id"), "demo-token-alice")
                .bodyAsJsonObject().getString("id")).isEqualTo(kernels.getJsonObject(0).getString("id"));
    }

    @Test
    void shouldDeleteAKernelOnceAndThenAnswerNotFound() {
        String id = get("vm-gpu-01", "/api/kernels", "demo-token-gpu").bodyAsJsonArray().getJsonObject(0).getString("id");

        HttpResponse<Buffer> deleted = call("DELETE", "vm-gpu-01", "/api/kernels/" + id, "demo-token-gpu");
        HttpResponse<Buffer> again = call("DELETE", "vm-gpu-01", "/api/kernels/" + id, "demo-token-gpu");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(get("vm-gpu-01", "/api/kernels", "demo-token-gpu").bodyAsJsonArray()).isEmpty();
        assertThat(simulator.calls("jupyter", "DeleteKernel")).hasSize(2);
    }

    @Test
    void shouldGenerateThousandsOfTargetsFromATemplate() {
        HttpResponse<Buffer> added = simulator.post("/_sim/targets", new JsonObject().put("generate", new JsonObject()
                .put("count", 2000).put("namePrefix", "bench-").put("token", "bench").put("kernelsEach", 2)
                .put("terminalsEach", 1).put("idleSince", "10m")));

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(get("bench-0001", "/api/kernels", "bench").bodyAsJsonArray()).hasSize(2);
        assertThat(get("bench-2000", "/api/sessions", "bench").bodyAsJsonArray()).hasSize(2);
        assertThat(get("bench-2000", "/api/terminals", "bench").bodyAsJsonArray()).hasSize(1);
        assertThat(get("bench-2001", "/api/kernels", "bench").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldFollowAScriptedBusyCycle() {
        JsonObject kernel = Simulator.expect(simulator.post("/_sim/targets/vm-gpu-01/kernels", new JsonObject()
                .put("name", "python3").put("busyEvery", "1s").put("busyDuration", "500ms")), 201).bodyAsJsonObject();
        String path = "/api/kernels/" + kernel.getString("id") + "?no_track_activity=1";

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get("vm-gpu-01", path, "demo-token-gpu").bodyAsJsonObject().getString("execution_state")).isEqualTo("busy"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get("vm-gpu-01", path, "demo-token-gpu").bodyAsJsonObject().getString("execution_state")).isEqualTo("idle"));
    }

    @Test
    void shouldCloseTheConnectionOfAnUnreachableTarget() {
        Simulator.expect(simulator.put("/_sim/targets/jh-alice/reachability", new JsonObject().put("mode", "refused")), 200);

        assertThatThrownBy(() -> get("jh-alice", "/api/kernels", "demo-token-alice")).hasMessageContaining("closed");

        Simulator.expect(simulator.put("/_sim/targets/jh-alice/reachability", new JsonObject().put("mode", "ok")), 200);
        assertThat(get("jh-alice", "/api/kernels", "demo-token-alice").statusCode()).isEqualTo(200);
    }

    private HttpResponse<Buffer> get(String target, String path, String token) {
        return call("GET", target, path, token);
    }

    private HttpResponse<Buffer> call(String method, String target, String path, String token) {
        return simulator.client().requestAbs(io.vertx.core.http.HttpMethod.valueOf(method),
                simulator.baseUrl() + "/targets/" + target + path).putHeader("Authorization", "token " + token)
                .send().await().atMost(WAIT);
    }
}
