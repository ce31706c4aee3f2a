package dev.sundown.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.sundown.events.AppObserved;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = JupyterFleet.class, restrictToAnnotatedClass = false)
class JupyterPollingIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void shouldPublishBusyIdleAndConnectedKernelsWithNotebookPathsAndTerminals() {
        // given a notebook session (connected, idle), a busy kernel and a terminal on a real server
        String notebookKernel = JupyterFleet.lab.startSession("work/analysis.ipynb");
        JupyterFleet.lab.connect(notebookKernel);
        String busyKernel = JupyterFleet.lab.startKernel();
        JupyterFleet.lab.executeAndWait(busyKernel, "x = 1");
        JupyterFleet.lab.execute(busyKernel, "import time; time.sleep(120)");
        String terminal = JupyterFleet.lab.startTerminal();

        // then the collector publishes each of them, keyed by the server's app key
        await().atMost(WITHIN).untilAsserted(() -> {
            Map<String, KernelObserved> latest = latestKernels("jupyter/lab");
            assertThat(latest).containsKeys(notebookKernel, busyKernel);
            KernelObserved notebook = latest.get(notebookKernel);
            assertThat(notebook.executionState()).isEqualTo(ExecutionState.IDLE);
            assertThat(notebook.connections()).isGreaterThanOrEqualTo(1);
            assertThat(notebook.notebookPath()).isEqualTo("work/analysis.ipynb");
            assertThat(notebook.source()).isEqualTo("jupyter/lab");
            assertThat(latest.get(busyKernel).executionState()).isEqualTo(ExecutionState.BUSY);
            assertThat(latest.get(busyKernel).notebookPath()).isNull();
        });
        await().atMost(WITHIN).untilAsserted(() -> {
            List<TerminalObserved> terminals = Broker.data(Topics.TERMINAL_ACTIVITY, "jupyter/lab",
                    TerminalObserved.class);
            assertThat(terminals).extracting(TerminalObserved::terminalName).contains(terminal);
            AppObserved app = last(Broker.data(Topics.APP_ACTIVITY, "jupyter/lab", AppObserved.class));
            assertThat(app.kernelIds()).containsExactlyInAnyOrder(notebookKernel, busyKernel);
            assertThat(app.terminalNames()).containsExactly(terminal);
            assertThat(app.status()).isEqualTo("InService");
        });
    }

    @Test
    void shouldNotMoveTheServersLastActivityByPolling() {
        // given a quiet server with an idle kernel and a terminal, and its activity as the server reports it
        String kernel = JupyterFleet.quiet.startKernel();
        JupyterFleet.quiet.executeAndWait(kernel, "y = 2");
        JupyterFleet.quiet.startTerminal();
        await().atMost(WITHIN).until(() -> Broker.data(Topics.APP_ACTIVITY, "jupyter/quiet", AppObserved.class)
                .stream().anyMatch(a -> a.kernelIds().contains(kernel) && a.terminalNames().size() == 1));
        String serverActivity = JupyterFleet.quiet.status().path("last_activity").asText();
        String kernelActivity = JupyterFleet.quiet.kernel(kernel).path("last_activity").asText();
        int pollsBefore = Broker.data(Topics.APP_ACTIVITY, "jupyter/quiet", AppObserved.class).size();

        // when the collector polls it several more times
        await().atMost(WITHIN).until(() ->
                Broker.data(Topics.APP_ACTIVITY, "jupyter/quiet", AppObserved.class).size() >= pollsBefore + 3);

        // then neither the server's nor the kernel's last_activity moved
        assertThat(JupyterFleet.quiet.status().path("last_activity").asText()).isEqualTo(serverActivity);
        assertThat(JupyterFleet.quiet.kernel(kernel).path("last_activity").asText()).isEqualTo(kernelActivity);
    }

    @Test
    void shouldReportAKilledServerAsUnobservedNeverAsEmpty() {
        // given a server the collector has observed
        await().atMost(WITHIN).until(() -> !Broker.data(Topics.APP_ACTIVITY, "jupyter/doomed", AppObserved.class)
                .isEmpty());
        Instant killedAt = Instant.now();

        // when it dies
        JupyterFleet.doomed.kill();

        // then the collector reports its app unobserved, with the reason and when it was last seen
        await().atMost(WITHIN).untilAsserted(() -> {
            List<SourceUnobserved> reports = Broker.data(Topics.APP_ACTIVITY, "jupyter/doomed",
                    SourceUnobserved.class);
            assertThat(reports).isNotEmpty();
            SourceUnobserved report = last(reports);
            assertThat(report.source()).isEqualTo("jupyter/doomed");
            assertThat(report.reason()).contains("connection refused");
            assertThat(report.lastObservedAt()).isNotNull().isBefore(report.attemptedAt());
        });
        assertThat(Broker.data(Topics.APP_ACTIVITY, "jupyter/doomed", AppObserved.class))
                .allMatch(a -> a.observedAt().isBefore(killedAt.plusSeconds(2)));
    }

    @Test
    void shouldReportGarbageAnswersAsUnobservedWithTheReasonAndNoActivity() {
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(Broker.data(Topics.APP_ACTIVITY, "jupyter/html", SourceUnobserved.class))
                    .extracting(SourceUnobserved::reason)
                    .anyMatch(r -> r.endsWith(": HTML page instead of JSON (login?)"));
            assertThat(Broker.data(Topics.APP_ACTIVITY, "jupyter/wrongjson", SourceUnobserved.class))
                    .extracting(SourceUnobserved::reason)
                    .anyMatch(r -> r.endsWith(": expected a JSON array, got object"));
        });
        for (String key : List.of("jupyter/html", "jupyter/wrongjson")) {
            assertThat(Broker.data(Topics.APP_ACTIVITY, key, AppObserved.class)).isEmpty();
            assertThat(Broker.events(Topics.KERNEL_ACTIVITY, key)).isEmpty();
            assertThat(Broker.events(Topics.TERMINAL_ACTIVITY, key)).isEmpty();
        }
    }

    @Test
    void shouldNeverWriteATokenToKafka() {
        await().atMost(WITHIN).until(() -> !Broker.data(Topics.APP_ACTIVITY, "jupyter/html",
                SourceUnobserved.class).isEmpty());
        List<String> secrets = List.of(JupyterFleet.lab.token(), JupyterFleet.quiet.token(), "garbage-token-html",
                "garbage-token-json", JupyterFleet.PUSH_TOKEN);
        for (var topic : List.of(Topics.APP_ACTIVITY, Topics.KERNEL_ACTIVITY, Topics.TERMINAL_ACTIVITY)) {
            for (var record : Broker.records(topic)) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(secrets).noneMatch(value::contains);
            }
        }
    }

    @Test
    void shouldBeReadyAfterTheFirstCycleAndExposePollMetrics() {
        await().atMost(WITHIN).untilAsserted(() -> {
            RestAssured.get("/q/health/ready").then().statusCode(200)
                    .body("checks.name", hasItem("sundown-collector-first-cycle"));
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .contains("sundown_collector_poll_seconds_count{outcome=\"observed\",target=\"jupyter/lab\"}")
                    .contains("sundown_collector_poll_seconds_count{outcome=\"unobserved\",target=\"jupyter/html\"}")
                    .contains("sundown_collector_events_published_total{topic=\"sundown.activity.app.v1\"")
                    .contains("sundown_collector_resources_observed_total")
                    .contains("sundown_collector_unobserved_total")
                    .contains("sundown_collector_targets_unobserved");
        });
    }

    private static Map<String, KernelObserved> latestKernels(String key) {
        return Broker.data(Topics.KERNEL_ACTIVITY, key, KernelObserved.class).stream()
                .collect(Collectors.toMap(KernelObserved::kernelId, Function.identity(),
                        (a, b) -> b.observedAt().isAfter(a.observedAt()) ? b : a));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
