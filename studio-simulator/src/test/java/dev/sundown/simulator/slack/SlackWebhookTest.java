package dev.sundown.simulator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.simulator.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SlackWebhookTest {

    static final String HOOK = "/slack/webhook/T0000/B0000/ml-platform-alerts";

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
    void shouldAcceptTextAndBlocksAndRecordThem() {
        HttpResponse<Buffer> text = simulator.post(HOOK, new JsonObject().put("text", "Kernel of alice shut down"));
        HttpResponse<Buffer> blocks = simulator.post(HOOK, new JsonObject().put("blocks", new JsonArray()
                .add(new JsonObject().put("type", "section").put("text", new JsonObject().put("type", "mrkdwn").put("text", "*hi*")))));

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.bodyAsString()).isEqualTo("ok");
        assertThat(text.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(blocks.statusCode()).isEqualTo(200);
        JsonArray recorded = simulator.get("/_sim/slack/messages?webhook=T0000/B0000/ml-platform-alerts").bodyAsJsonArray();
        assertThat(recorded).hasSize(2);
        assertThat(recorded.getJsonObject(0).getString("text")).isEqualTo("Kernel of alice shut down");
        assertThat(recorded.getJsonObject(1).getJsonObject("payload").getJsonArray("blocks")).hasSize(1);
    }

    @Test
    void shouldAcceptTheFormEncodedPayloadField() {
        HttpResponse<Buffer> response = simulator.client().postAbs(simulator.baseUrl() + HOOK)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("payload", "{\"text\":\"from a form\"}"))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(response.bodyAsString()).isEqualTo("ok");
        assertThat(simulator.get("/_sim/slack/messages").bodyAsJsonArray().getJsonObject(0).getString("text")).isEqualTo("from a form");
    }

    @Test
    void shouldRejectInvalidPayloadsLikeSlack() {
        HttpResponse<Buffer> notJson = simulator.post(HOOK, "this is not json");
        HttpResponse<Buffer> empty = simulator.post(HOOK, new JsonObject().put("username", "sundown"));
        HttpResponse<Buffer> badBlocks = simulator.post(HOOK, new JsonObject().put("blocks", "section"));
        HttpResponse<Buffer> array = simulator.post(HOOK, new JsonArray().add("text"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.bodyAsString()).isEqualTo("invalid_payload");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.bodyAsString()).isEqualTo("no_text");
        assertThat(badBlocks.bodyAsString()).isEqualTo("invalid_blocks");
        assertThat(array.bodyAsString()).isEqualTo("invalid_payload");
        assertThat(simulator.get("/_sim/slack/messages").bodyAsJsonArray()).isEmpty();
    }

    @Test
    void shouldAnswerRateLimitedWithRetryAfterThenAcceptAgain() {
        simulator.faults(new JsonObject().put("slack", new JsonObject().put("rateLimitRate", 1.0)
                .put("retryAfterSeconds", 7).put("count", 1)));

        HttpResponse<Buffer> limited = simulator.post(HOOK, new JsonObject().put("text", "first"));
        HttpResponse<Buffer> accepted = simulator.post(HOOK, new JsonObject().put("text", "retry"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("7");
        assertThat(limited.bodyAsString()).isEqualTo("rate_limited");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(simulator.get("/_sim/slack/messages").bodyAsJsonArray()).hasSize(1);
        assertThat(simulator.calls("slack", "Post")).extracting(call -> ((JsonObject) call).getInteger("status"))
                .containsExactly(429, 200);
    }

    @Test
    void shouldAnswerServerErrorsWhenInjected() {
        simulator.faults(new JsonObject().put("slack", new JsonObject().put("errorRate", 1.0)));

        HttpResponse<Buffer> failed = simulator.post(HOOK, new JsonObject().put("text", "lost"));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(simulator.get("/_sim/slack/messages").bodyAsJsonArray()).isEmpty();
    }
}
