package dev.sundown.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.sundown.events.AppObserved;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = JupyterFleet.class, restrictToAnnotatedClass = false)
class PushIT {

    private static final Path AGENT = Path.of("../deploy/studio-lifecycle/sundown-push-agent.sh");
    private static final String VALID = "{\"kernels\":[{\"id\":\"k-1\",\"name\":\"python3\","
            + "\"last_activity\":\"2026-01-02T03:04:05.000000Z\",\"execution_state\":\"idle\",\"connections\":0}],"
            + "\"sessions\":[],\"terminals\":[],\"status\":{\"last_activity\":\"2026-01-02T03:04:05.000000Z\"}}";

    @TestHTTPResource("/")
    URL collector;

    @Test
    void shouldPublishASnapshotPostedByTheAgentScriptFromARealServer() throws Exception {
        // given a real Jupyter server with a notebook session and a terminal
        String kernel = JupyterFleet.lab.startSession("pushed/report.ipynb");
        String terminal = JupyterFleet.lab.startTerminal();
        Path tokenFile = Files.createTempFile("push-token", "");
        Files.writeString(tokenFile, JupyterFleet.PUSH_TOKEN + "\n");
        Instant before = Instant.now();

        // when the agent posts one snapshot
        ProcessBuilder agent = new ProcessBuilder("bash", AGENT.toString(), "--once").redirectErrorStream(true);
        agent.environment().put("SUNDOWN_COLLECTOR_URL", collector.toString());
        agent.environment().put("SUNDOWN_PUSH_TARGET", "agent");
        agent.environment().put("SUNDOWN_PUSH_TOKEN_FILE", tokenFile.toString());
        agent.environment().put("JUPYTER_URL", JupyterFleet.lab.baseUrl());
        agent.environment().put("JUPYTER_TOKEN", JupyterFleet.lab.token());
        Process process = agent.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain(JupyterFleet.PUSH_TOKEN).doesNotContain(JupyterFleet.lab.token());

        // then the collector published it exactly like a poll, as the app jupyter/agent
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<AppObserved> apps = Broker.data(Topics.APP_ACTIVITY, "jupyter/agent", AppObserved.class);
            assertThat(apps).anyMatch(a -> a.observedAt().isAfter(before) && a.kernelIds().contains(kernel)
                    && a.terminalNames().contains(terminal) && a.source().equals("jupyter/agent"));
            assertThat(Broker.data(Topics.KERNEL_ACTIVITY, "jupyter/agent", KernelObserved.class))
                    .anyMatch(k -> k.kernelId().equals(kernel) && "pushed/report.ipynb".equals(k.notebookPath()));
            assertThat(Broker.data(Topics.TERMINAL_ACTIVITY, "jupyter/agent", TerminalObserved.class))
                    .anyMatch(t -> t.terminalName().equals(terminal));
        });
    }

    @Test
    void shouldFailTheAgentRunWhenTheCollectorRefusesTheToken() throws Exception {
        ProcessBuilder agent = new ProcessBuilder("bash", AGENT.toString(), "--once").redirectErrorStream(true);
        agent.environment().put("SUNDOWN_COLLECTOR_URL", collector.toString());
        agent.environment().put("SUNDOWN_PUSH_TARGET", "agent");
        agent.environment().put("SUNDOWN_PUSH_TOKEN", "not-the-token");
        agent.environment().put("JUPYTER_URL", JupyterFleet.lab.baseUrl());
        agent.environment().put("JUPYTER_TOKEN", JupyterFleet.lab.token());
        Process process = agent.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("HTTP 403").doesNotContain("not-the-token");
    }

    @Test
    void shouldRejectRequestsWithoutOrWithTheWrongToken() {
        RestAssured.given().contentType(ContentType.JSON).body(VALID).post("/push/agent")
                .then().statusCode(401).body("error", equalTo("missing credentials: send Authorization: Bearer <token>"));
        RestAssured.given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(VALID)
                .post("/push/agent").then().statusCode(403).body("error", equalTo("token not accepted for this target"));
        RestAssured.given().header("Authorization", "Bearer " + JupyterFleet.PUSH_TOKEN).contentType(ContentType.JSON)
                .body(VALID).post("/push/unknown").then().statusCode(403);
    }

    @Test
    void shouldRejectOversizedAndInvalidSnapshotsWithTheReasonAndPublishNothing() {
        String big = "{\"kernels\":[],\"sessions\":[],\"terminals\":[],\"status\":{\"last_activity\":"
                + "\"2026-01-02T03:04:05Z\"},\"padding\":\"" + "x".repeat(JupyterFleet.PUSH_MAX_BYTES) + "\"}";
        auth().body(big).post("/push/rejects").then().statusCode(403);
        auth().body(big).post("/push/agent").then().statusCode(413)
                .body("error", equalTo("snapshot is " + big.length() + " bytes, more than the limit of "
                        + JupyterFleet.PUSH_MAX_BYTES));
        auth().body("<html>nope</html>").post("/push/agent").then().statusCode(400)
                .body("error", equalTo("snapshot: HTML instead of JSON (a login or proxy page?)"));
        auth().body("{\"kernels\":[],\"sessions\":[],\"status\":{}}").post("/push/agent").then().statusCode(400)
                .body("error", equalTo("snapshot: missing 'terminals'"));
        auth().body("{\"kernels\":[{\"id\":\"k-bad\",\"execution_state\":\"idle\"}],\"sessions\":[],"
                        + "\"terminals\":[],\"status\":{\"last_activity\":\"2026-01-02T03:04:05Z\"}}")
                .post("/push/agent").then().statusCode(400)
                .body("error", equalTo("snapshot.kernels[0]: missing 'last_activity'"));

        assertThat(Broker.data(Topics.KERNEL_ACTIVITY, "jupyter/agent", KernelObserved.class))
                .noneMatch(k -> k.kernelId().equals("k-bad"));
    }

    @Test
    void shouldAcceptAValidSnapshotWithAnswerCounts() {
        auth().body(VALID).post("/push/agent").then().statusCode(202)
                .body("kernels", equalTo(1)).body("terminals", equalTo(0)).body("events", equalTo(2));
    }

    @Test
    void shouldReportAPushTargetWhoseAgentIsSilentAsUnobserved() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Broker.data(Topics.APP_ACTIVITY, "jupyter/silent", SourceUnobserved.class))
                .anyMatch(u -> u.reason().equals("no snapshot pushed since the collector started")
                        && u.lastObservedAt() == null));
        assertThat(Broker.data(Topics.APP_ACTIVITY, "jupyter/silent", AppObserved.class)).isEmpty();
    }

    @Test
    void shouldKeepTheLifecycleConfigurationsEmbeddedAgentIdenticalToTheScript() throws IOException {
        String onStart = Files.readString(Path.of("../deploy/studio-lifecycle/on-start.sh"));
        String embedded = onStart.substring(onStart.indexOf("<<'SUNDOWN_AGENT'\n") + "<<'SUNDOWN_AGENT'\n".length(),
                onStart.indexOf("\nSUNDOWN_AGENT\n") + 1);
        assertThat(embedded).isEqualTo(Files.readString(AGENT));
    }

    private static io.restassured.specification.RequestSpecification auth() {
        return RestAssured.given().header("Authorization", "token " + JupyterFleet.PUSH_TOKEN)
                .contentType(ContentType.JSON);
    }
}
