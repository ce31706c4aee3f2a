package dev.sundown.simulator.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sundown.simulator.support.Aws;
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
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

@QuarkusTest
class StudioFrontDoorTest {

    static final String DOMAIN = "d-demo0000001";
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL url;
    @Inject
    Vertx vertx;

    Simulator simulator;
    SageMakerClient sageMaker;
    WebClientSession browser;

    @BeforeEach
    void setUp() {
        simulator = new Simulator(vertx, url);
        simulator.reset();
        sageMaker = Aws.sageMaker(simulator.baseUrl());
        browser = WebClientSession.create(simulator.client());
    }

    @AfterEach
    void tearDown() {
        sageMaker.close();
        simulator.close();
    }

    @Test
    void shouldOpenASessionWithThePresignedUrlAndServeTheProfilesJupyterApi() {
        String authorizedUrl = presignedUrl("alice", null);

        HttpResponse<Buffer> login = browser.getAbs(authorizedUrl).send().await().atMost(WAIT);

        assertThat(authorizedUrl).startsWith(simulator.baseUrl() + "/auth?token=");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.getHeader("Location")).isEqualTo("/jupyter/default/lab");
        assertThat(login.cookies()).anySatisfy(cookie -> assertThat(cookie).startsWith("studio_session=").containsIgnoringCase("HttpOnly"));
        assertThat(login.cookies()).anySatisfy(cookie -> assertThat(cookie).startsWith("_xsrf="));
        JsonArray kernels = get("/jupyter/default/api/kernels").bodyAsJsonArray();
        assertThat(kernels).hasSize(1);
        JsonObject kernel = kernels.getJsonObject(0);
        assertThat(kernel.fieldNames()).containsExactlyInAnyOrder("id", "name", "last_activity", "execution_state",
                "connections", "app_name");
        assertThat(kernel.getString("last_activity")).matches(TIMESTAMP);
        assertThat(kernel.getString("execution_state")).isEqualTo("idle");
        assertThat(kernel.getString("app_name")).isEqualTo("datascience-1-0-ml-t3-medium-1a2b3c");
        JsonObject session = get("/jupyter/default/api/sessions").bodyAsJsonArray().getJsonObject(0);
        assertThat(session.fieldNames()).containsExactlyInAnyOrder("id", "path", "name", "type", "kernel", "notebook");
        assertThat(session.getJsonObject("notebook").getString("path")).isEqualTo("churn/explore.ipynb");
        assertThat(session.getJsonObject("kernel").getString("id")).isEqualTo(kernel.getString("id"));
        assertThat(get("/jupyter/default/api/terminals").bodyAsJsonArray()).isEmpty();
        assertThat(get("/jupyter/default/api/status").bodyAsJsonObject().fieldNames())
                .containsExactlyInAnyOrder("connections", "kernels", "last_activity", "started");
        JsonObject app = get("/jupyter/default/sagemaker/api/apps").bodyAsJsonArray().getJsonObject(0);
        assertThat(app.getString("app_name")).isEqualTo("datascience-1-0-ml-t3-medium-1a2b3c");
        assertThat(app.getString("app_type")).isEqualTo("KernelGateway");
        assertThat(app.getString("instance_type")).isEqualTo("ml.t3.medium");
        assertThat(app.getString("environment_arn")).isEqualTo("arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0");
        assertThat(app.getString("image_name")).isEqualTo("datascience-1.0");
        assertThat(app.getString("status")).isEqualTo("InService");
        assertThat(app.getJsonArray("kernels")).containsExactly(kernel.getString("id"));
        assertThat(get("/jupyter/default/lab").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMapAnImageTerminalToItsKernelGatewayApp() {
        login(presignedUrl("carol", null));

        JsonArray terminals = get("/jupyter/default/api/terminals").bodyAsJsonArray();
        JsonObject app = get("/jupyter/default/sagemaker/api/apps").bodyAsJsonArray().getJsonObject(0);

        assertThat(terminals).hasSize(1);
        assertThat(app.getString("app_name")).isEqualTo("datascience-1-0-ml-m5-large-7a8b9c");
        assertThat(app.getJsonArray("terminals")).containsExactly(terminals.getJsonObject(0).getString("name"));
    }

    @Test
    void shouldRedeemAPresignedUrlOnlyOnce() {
        String authorizedUrl = presignedUrl("alice", null);
        login(authorizedUrl);

        HttpResponse<Buffer> second = simulator.client().getAbs(authorizedUrl).send().await().atMost(WAIT);

        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.cookies()).isEmpty();
        assertThatThrownBy(() -> sageMaker.createPresignedDomainUrl(r -> r.domainId(DOMAIN).userProfileName("alice")
                .expiresInSeconds(1))).isInstanceOf(SageMakerException.class).hasMessageContaining("expiresInSeconds");
        assertThatThrownBy(() -> sageMaker.createPresignedDomainUrl(r -> r.domainId(DOMAIN).userProfileName("mallory")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void shouldRequireTheXsrfHeaderToDeleteKernelsAndTerminals() {
        login(presignedUrl("alice", null));
        String kernelId = get("/jupyter/default/api/kernels").bodyAsJsonArray().getJsonObject(0).getString("id");

        HttpResponse<Buffer> missing = browser.deleteAbs(simulator.baseUrl() + "/jupyter/default/api/kernels/" + kernelId)
                .send().await().atMost(WAIT);
        HttpResponse<Buffer> wrong = delete("/jupyter/default/api/kernels/" + kernelId, "not-the-token");
        HttpResponse<Buffer> deleted = delete("/jupyter/default/api/kernels/" + kernelId, xsrf());
        HttpResponse<Buffer> again = delete("/jupyter/default/api/kernels/" + kernelId, xsrf());

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.bodyAsJsonObject().getString("message")).isEqualTo("'_xsrf' argument missing from DELETE");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.bodyAsJsonObject().getString("message")).isEqualTo("Kernel does not exist: " + kernelId);
        assertThat(get("/jupyter/default/api/kernels").bodyAsJsonArray()).isEmpty();
        assertThat(simulator.calls("jupyter", "DeleteKernel")).extracting(call -> ((JsonObject) call).getInteger("status"))
                .containsExactly(204, 404);
    }

    @Test
    void shouldDeleteASystemTerminalWithTheXsrfHeader() {
        login(presignedUrl("judy", null));
        JsonObject terminal = get("/jupyter/default/api/terminals").bodyAsJsonArray().getJsonObject(0);

        HttpResponse<Buffer> read = get("/jupyter/default/api/terminals/" + terminal.getString("name"));
        HttpResponse<Buffer> deleted = delete("/jupyter/default/api/terminals/" + terminal.getString("name"), xsrf());
        HttpResponse<Buffer> gone = get("/jupyter/default/api/terminals/" + terminal.getString("name"));

        assertThat(terminal.fieldNames()).containsExactlyInAnyOrder("name", "last_activity");
        assertThat(terminal.getString("last_activity")).matches(TIMESTAMP);
        assertThat(read.bodyAsJsonObject()).isEqualTo(terminal);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.bodyAsJsonObject().getString("message")).isEqualTo("Terminal not found: " + terminal.getString("name"));
    }

    @Test
    void shouldAnswerForbiddenWithoutSessionAndAfterTheSessionExpired() {
        HttpResponse<Buffer> anonymous = simulator.get("/jupyter/default/api/kernels");
        login(presignedUrl("alice", null));
        assertThat(get("/jupyter/default/api/kernels").statusCode()).isEqualTo(200);

        JsonObject expired = Simulator.expect(simulator.post("/_sim/sessions/expire",
                new JsonObject().put("userProfileName", "alice")), 200).bodyAsJsonObject();

        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Forbidden").putNull("reason"));
        assertThat(expired.getInteger("expired")).isEqualTo(1);
        assertThat(get("/jupyter/default/api/kernels").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRedirectGetsToTheLoginPageWhenConfiguredSo() {
        Simulator.expect(simulator.put("/_sim/studio", new JsonObject().put("unauthenticated", "redirect")), 200);

        HttpResponse<Buffer> get = simulator.get("/jupyter/default/api/kernels");
        HttpResponse<Buffer> delete = simulator.delete("/jupyter/default/api/kernels/x");
        HttpResponse<Buffer> page = simulator.get(get.getHeader("Location"));

        assertThat(get.statusCode()).isEqualTo(302);
        assertThat(get.getHeader("Location")).startsWith("/login?next=");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    }

    @Test
    void shouldHonourNoTrackActivityAndCountOtherKernelCallsAsActivity() {
        login(presignedUrl("alice", null));
        JsonObject before = get("/jupyter/default/api/kernels").bodyAsJsonArray().getJsonObject(0);
        String path = "/jupyter/default/api/kernels/" + before.getString("id");
        String statusBefore = get("/jupyter/default/api/status?no_track_activity=1").bodyAsJsonObject().getString("last_activity");

        JsonObject polled = get(path + "?no_track_activity=1").bodyAsJsonObject();
        String statusAfterPoll = get("/jupyter/default/api/status").bodyAsJsonObject().getString("last_activity");
        get(path);
        JsonObject touched = get(path + "?no_track_activity=1").bodyAsJsonObject();

        assertThat(polled.getString("last_activity")).isEqualTo(before.getString("last_activity"));
        assertThat(statusAfterPoll).isEqualTo(statusBefore);
        assertThat(Instant.parse(touched.getString("last_activity"))).isAfter(Instant.parse(before.getString("last_activity")));
    }

    @Test
    void shouldForgetTheKernelsOfADeletedApp() {
        login(presignedUrl("alice", null));

        sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("alice").appType(AppType.KERNEL_GATEWAY)
                .appName("datascience-1-0-ml-t3-medium-1a2b3c"));

        assertThat(get("/jupyter/default/api/kernels").bodyAsJsonArray()).isEmpty();
        assertThat(get("/jupyter/default/api/sessions").bodyAsJsonArray()).isEmpty();
        assertThat(get("/jupyter/default/sagemaker/api/apps").bodyAsJsonArray()).singleElement()
                .satisfies(app -> assertThat(((JsonObject) app).getString("status")).isEqualTo("Deleting"));
    }

    @Test
    void shouldDeleteAKernelGatewayAppThroughStudiosAppsApi() {
        login(presignedUrl("dave", null));

        HttpResponse<Buffer> deleted = delete("/jupyter/default/sagemaker/api/apps/datascience-1-0-ml-t3-medium-0d0e0f", xsrf());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(simulator.calls("studio", "DeleteApp")).hasSize(1);
        assertThat(sageMaker.describeApp(r -> r.domainId(DOMAIN).userProfileName("dave").appType(AppType.KERNEL_GATEWAY)
                .appName("datascience-1-0-ml-t3-medium-0d0e0f")).statusAsString()).isIn("Deleting", "Deleted");
    }

    @Test
    void shouldMakeAnUnreachableServerLookUnreachable() {
        login(presignedUrl("grace", null));

        assertThatThrownBy(() -> get("/jupyter/default/api/kernels")).hasMessageContaining("closed");

        Simulator.expect(simulator.put("/_sim/domains/" + DOMAIN + "/profiles/grace/server/reachability",
                new JsonObject().put("mode", "bad-gateway")), 200);
        assertThat(get("/jupyter/default/api/kernels").statusCode()).isEqualTo(502);
        Simulator.expect(simulator.put("/_sim/domains/" + DOMAIN + "/profiles/grace/server/reachability",
                new JsonObject().put("mode", "html")), 200);
        HttpResponse<Buffer> html = get("/jupyter/default/api/kernels");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.getHeader("Content-Type")).startsWith("text/html");
        Simulator.expect(simulator.put("/_sim/domains/" + DOMAIN + "/profiles/grace/server/reachability",
                new JsonObject().put("mode", "slow").put("slowBy", "600ms")), 200);
        long started = System.nanoTime();
        assertThat(get("/jupyter/default/api/kernels").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void shouldWakeAStoppedJupyterServerWhenSomeoneLogsIn() {
        login(presignedUrl("heidi", null));

        HttpResponse<Buffer> whileStarting = get("/jupyter/default/api/kernels");

        assertThat(whileStarting.statusCode()).isEqualTo(503);
        assertThat(simulator.calls("studio", "CreateApp")).singleElement()
                .satisfies(call -> assertThat(((JsonObject) call).getJsonObject("request").getString("UserProfileName"))
                        .isEqualTo("heidi"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/jupyter/default/api/kernels").statusCode()).isEqualTo(200));
    }

    @Test
    void shouldServeASpaceSessionFromItsJupyterLabApp() {
        login(presignedUrl("alice", "team-forecasting"));

        JsonArray kernels = get("/jupyter/default/api/kernels").bodyAsJsonArray();
        JsonArray sameOnLabPath = get("/jupyterlab/default/api/kernels").bodyAsJsonArray();
        JsonArray apps = get("/jupyter/default/sagemaker/api/apps").bodyAsJsonArray();

        assertThat(kernels).hasSize(1);
        assertThat(sameOnLabPath).isEqualTo(kernels);
        assertThat(apps).singleElement().satisfies(app -> {
            assertThat(((JsonObject) app).getString("app_type")).isEqualTo("JupyterLab");
            assertThat(((JsonObject) app).getJsonArray("kernels")).containsExactly(kernels.getJsonObject(0).getString("id"));
        });
    }

    @Test
    void shouldRunCodeInAKernelAndTypeInATerminalThroughTheAdminApi() {
        login(presignedUrl("carol", null));
        String server = "/_sim/domains/" + DOMAIN + "/profiles/carol/server";
        JsonObject kernel = get("/jupyter/default/api/kernels").bodyAsJsonArray().getJsonObject(0);
        JsonObject terminal = get("/jupyter/default/api/terminals").bodyAsJsonArray().getJsonObject(0);

        Simulator.expect(simulator.post(server + "/kernels/" + kernel.getString("id") + "/run",
                new JsonObject().put("seconds", 3)), 200); // long enough to be seen busy on a slow machine
        String terminalName = java.net.URLEncoder.encode(terminal.getString("name"), java.nio.charset.StandardCharsets.UTF_8);
        Simulator.expect(simulator.post(server + "/terminals/" + terminalName + "/type", null), 200);

        JsonObject running = get("/jupyter/default/api/kernels/" + kernel.getString("id") + "?no_track_activity=1").bodyAsJsonObject();
        assertThat(running.getString("execution_state")).isEqualTo("busy");
        assertThat(terminal.getString("name")).contains("__1__ml.m5.large");
        JsonObject typed = get("/jupyter/default/api/terminals/" + terminalName).bodyAsJsonObject();
        assertThat(Instant.parse(typed.getString("last_activity"))).isAfter(Instant.parse(terminal.getString("last_activity")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject done = get("/jupyter/default/api/kernels/" + kernel.getString("id") + "?no_track_activity=1").bodyAsJsonObject();
            assertThat(done.getString("execution_state")).isEqualTo("idle");
            assertThat(Instant.parse(done.getString("last_activity")))
                    .isAfter(Instant.parse(running.getString("last_activity")).plusMillis(2900));
        });
    }

    private String presignedUrl(String profile, String space) {
        return sageMaker.createPresignedDomainUrl(r -> r.domainId(DOMAIN).userProfileName(profile).spaceName(space)
                .sessionExpirationDurationInSeconds(1800)).authorizedUrl();
    }

    private void login(String authorizedUrl) {
        assertThat(browser.getAbs(authorizedUrl).send().await().atMost(WAIT).statusCode()).isEqualTo(302);
    }

    private String xsrf() {
        return cookie("_xsrf");
    }

    private String cookie(String name) {
        for (var cookie : browser.cookieStore().get(false, "localhost", "/")) {
            if (cookie.name().equals(name)) {
                return cookie.value();
            }
        }
        throw new AssertionError("no cookie " + name);
    }

    private HttpResponse<Buffer> get(String path) {
        return browser.getAbs(simulator.baseUrl() + path).send().await().atMost(WAIT);
    }

    private HttpResponse<Buffer> delete(String path, String xsrf) {
        return browser.deleteAbs(simulator.baseUrl() + path).putHeader("X-XSRFToken", xsrf).send().await().atMost(WAIT);
    }
}
