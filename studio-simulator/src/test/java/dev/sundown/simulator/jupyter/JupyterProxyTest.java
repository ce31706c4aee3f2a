package dev.sundown.simulator.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.simulator.support.Aws;
import dev.sundown.simulator.support.RealJupyterServer;
import dev.sundown.simulator.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClientSession;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Studio access and static targets backed by a real Jupyter Server 1.23, and the model's shapes checked against it. */
@QuarkusTest
class JupyterProxyTest {

    static final String DOMAIN = "d-demo0000001";
    static final Duration WAIT = Duration.ofSeconds(20);
    static RealJupyterServer jupyter;

    @TestHTTPResource("/")
    URL url;
    @Inject
    Vertx vertx;

    Simulator simulator;
    WebClientSession browser;

    @BeforeAll
    static void startJupyter() throws IOException {
        jupyter = new RealJupyterServer();
    }

    @AfterAll
    static void stopJupyter() throws IOException {
        jupyter.close();
    }

    @BeforeEach
    void setUp() {
        simulator = new Simulator(vertx, url);
        simulator.reset();
        browser = WebClientSession.create(simulator.client());
    }

    @AfterEach
    void tearDown() {
        simulator.close();
    }

    @Test
    void shouldProxyAProfilesJupyterApiToARealJupyterServer() {
        Simulator.expect(simulator.put("/_sim/domains/" + DOMAIN + "/profiles/alice/server/proxy",
                new JsonObject().put("url", jupyter.url()).put("token", jupyter.token())), 200);
        login("alice");

        HttpResponse<Buffer> created = send("POST", "/jupyter/default/api/kernels", new JsonObject().put("name", "python3"));
        JsonObject kernel = created.bodyAsJsonObject();
        HttpResponse<Buffer> listed = send("GET", "/jupyter/default/api/kernels?no_track_activity=1", null);
        HttpResponse<Buffer> one = send("GET", "/jupyter/default/api/kernels/" + kernel.getString("id") + "?no_track_activity=1", null);
        HttpResponse<Buffer> deleted = send("DELETE", "/jupyter/default/api/kernels/" + kernel.getString("id"), null);
        HttpResponse<Buffer> again = send("DELETE", "/jupyter/default/api/kernels/" + kernel.getString("id"), null);
        HttpResponse<Buffer> withoutXsrf = browser.deleteAbs(simulator.baseUrl() + "/jupyter/default/api/kernels/x")
                .send().await().atMost(WAIT);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(kernel.fieldNames()).containsExactlyInAnyOrder("id", "name", "last_activity", "execution_state", "connections");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.bodyAsJsonArray()).extracting(k -> ((JsonObject) k).getString("id")).contains(kernel.getString("id"));
        assertThat(one.bodyAsJsonObject().getString("id")).isEqualTo(kernel.getString("id"));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.bodyAsJsonObject().getString("message")).isEqualTo("Kernel does not exist: " + kernel.getString("id"));
        assertThat(withoutXsrf.statusCode()).isEqualTo(403);
        assertThat(send("GET", "/jupyter/default/api/terminals", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldProxyAStaticTargetToARealJupyterServer() {
        Simulator.expect(simulator.post("/_sim/targets", new JsonObject().put("name", "real-one").put("token", "sim-token")
                .put("proxy", new JsonObject().put("url", jupyter.url()).put("token", jupyter.token()))), 201);

        HttpResponse<Buffer> status = simulator.client().getAbs(simulator.baseUrl() + "/targets/real-one/api/status")
                .putHeader("Authorization", "token sim-token").send().await().atMost(WAIT);
        HttpResponse<Buffer> forbidden = simulator.client().getAbs(simulator.baseUrl() + "/targets/real-one/api/status")
                .send().await().atMost(WAIT);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.bodyAsJsonObject().fieldNames()).containsExactlyInAnyOrder("connections", "kernels", "last_activity", "started");
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldGiveTheSameShapesAndErrorsAsARealJupyterServer() {
        Simulator.expect(simulator.post("/_sim/targets", new JsonObject().put("name", "real").put("token", "t")
                .put("proxy", new JsonObject().put("url", jupyter.url()).put("token", jupyter.token()))), 201);
        Simulator.expect(simulator.post("/_sim/targets", new JsonObject().put("name", "model").put("token", "t")), 201);
        String missingKernel = UUID.randomUUID().toString();
        for (String target : new String[] {"real", "model"}) {
            Simulator.expect(target(target, "POST", "/api/sessions", new JsonObject().put("path", "a/b.ipynb")
                    .put("type", "notebook").put("name", "b.ipynb").put("kernel", new JsonObject().put("name", "python3"))), 201);
            Simulator.expect(target(target, "POST", "/api/terminals", null), 200);
        }

        for (String path : new String[] {"/api/kernels", "/api/sessions", "/api/terminals"}) {
            JsonObject real = target("real", "GET", path, null).bodyAsJsonArray().getJsonObject(0);
            JsonObject model = target("model", "GET", path, null).bodyAsJsonArray().getJsonObject(0);
            assertThat(model.fieldNames()).as(path).containsExactlyInAnyOrderElementsOf(real.fieldNames());
            if (real.containsKey("kernel")) {
                assertThat(model.getJsonObject("kernel").fieldNames())
                        .containsExactlyInAnyOrderElementsOf(real.getJsonObject("kernel").fieldNames());
                assertThat(model.getJsonObject("notebook")).isEqualTo(real.getJsonObject("notebook"));
            }
        }
        assertThat(target("model", "GET", "/api/status", null).bodyAsJsonObject().fieldNames())
                .containsExactlyInAnyOrderElementsOf(target("real", "GET", "/api/status", null).bodyAsJsonObject().fieldNames());
        for (String[] call : new String[][] {{"GET", "/api/kernels/" + missingKernel}, {"DELETE", "/api/kernels/" + missingKernel},
                {"GET", "/api/terminals/999"}, {"DELETE", "/api/terminals/999"}, {"GET", "/api/nothing-here"},
                {"DELETE", "/api/kernels"}}) {
            HttpResponse<Buffer> real = target("real", call[0], call[1], null);
            HttpResponse<Buffer> model = target("model", call[0], call[1], null);
            assertThat(model.statusCode()).as(String.join(" ", call)).isEqualTo(real.statusCode());
            if (real.getHeader("Content-Type").startsWith("application/json") && real.statusCode() == 404) {
                assertThat(model.bodyAsJsonObject()).as(String.join(" ", call)).isEqualTo(real.bodyAsJsonObject());
            }
        }
        JsonArray realKernels = target("real", "GET", "/api/kernels", null).bodyAsJsonArray();
        assertThat(realKernels.getJsonObject(0).getString("last_activity"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z")
                .hasSameSizeAs(target("model", "GET", "/api/kernels", null).bodyAsJsonArray().getJsonObject(0).getString("last_activity"));
    }

    private HttpResponse<Buffer> target(String name, String method, String path, JsonObject body) {
        var request = simulator.client().requestAbs(io.vertx.core.http.HttpMethod.valueOf(method),
                simulator.baseUrl() + "/targets/" + name + path).putHeader("Authorization", "token t");
        return (body == null ? request.send() : request.sendJsonObject(body)).await().atMost(WAIT);
    }

    private void login(String profile) {
        try (SageMakerClient sageMaker = Aws.sageMaker(simulator.baseUrl())) {
            String authorizedUrl = sageMaker.createPresignedDomainUrl(r -> r.domainId(DOMAIN).userProfileName(profile))
                    .authorizedUrl();
            assertThat(browser.getAbs(authorizedUrl).send().await().atMost(WAIT).statusCode()).isEqualTo(302);
        }
    }

    private HttpResponse<Buffer> send(String method, String path, JsonObject body) {
        String xsrf = null;
        for (var cookie : browser.cookieStore().get(false, "localhost", "/")) {
            if (cookie.name().equals("_xsrf")) {
                xsrf = cookie.value();
            }
        }
        var request = browser.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), simulator.baseUrl() + path)
                .putHeader("X-XSRFToken", xsrf);
        return (body == null ? request.send() : request.sendJsonObject(body)).await().atMost(WAIT);
    }
}
