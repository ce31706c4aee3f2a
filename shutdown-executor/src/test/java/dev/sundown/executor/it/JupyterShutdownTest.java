package dev.sundown.executor.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.AppKey;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.executor.Commands;
import dev.sundown.executor.domain.ProcessedCommands;
import dev.sundown.testsupport.JupyterServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor against a real Kafka broker and a real Jupyter Server configured as static target {@code lab}. */
@QuarkusTest
@QuarkusTestResource(value = ExecutorWorld.class, restrictToAnnotatedClass = false)
class JupyterShutdownTest {

    private static final Duration IDLE_LIMIT = Duration.ofMillis(1);
    private static Trail trail;

    @Inject
    ProcessedCommands processed;

    private final List<ShutdownCommand> sent = new ArrayList<>();

    @BeforeAll
    static void openTrail() {
        trail = new Trail(ExecutorWorld.broker());
    }

    @AfterAll
    static void closeTrail() {
        trail.close();
    }

    @Test
    void shouldDeleteAnIdleKernel() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.estimatedHourlyCost()).isEqualTo(command.estimatedHourlyCost());
        assertThat(kernelIds()).doesNotContain(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldSkipAKernelThatRanCodeAfterTheDecision() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);
        jupyter().executeAndWait(kernel, "x = 41 + 1");
        await().until(() -> lastActivity(kernel).isAfter(command.lastActivity()));

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(result.attempts()).isZero();
        assertThat(kernelIds()).contains(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldDeleteAQuietTerminalAndSkipOneTypedIntoAfterTheDecision() {
        String quiet = jupyter().startTerminal();
        String typedInto = jupyter().startTerminal();
        ShutdownCommand quietCommand = terminalCommand(quiet, terminalActivity(quiet));
        ShutdownCommand typedCommand = terminalCommand(typedInto, terminalActivity(typedInto));
        jupyter().type(typedInto, "echo still here\r");
        await().until(() -> terminalActivity(typedInto).isAfter(typedCommand.lastActivity()));

        ShutdownResult quietResult = send(quietCommand);
        ShutdownResult typedResult = send(typedCommand);

        assertThat(quietResult.outcome()).isEqualTo(Outcome.DONE);
        assertThat(typedResult.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(terminalNames()).doesNotContain(quiet).contains(typedInto);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldActOnceAndWriteOneResultWhenTheSameCommandArrivesTwice() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);
        ShutdownCommand marker = kernelCommand(jupyter().startSettledKernel(), Instant.now().minusSeconds(1), true);

        trail.send(command);
        trail.send(command);
        sent.add(command);
        send(marker);

        assertThat(trail.resultsOf(command.commandId())).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DONE));
        assertThat(kernelIds()).doesNotContain(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldIgnoreACommandWhoseResultAnEarlierRunAlreadyWrote() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);
        // An earlier executor acted and wrote the result, then stopped before committing the command's offset.
        ExecutorWorld.broker().sendEvent(Topics.SHUTDOWN_RESULTS, command.appKey().toString(),
                CloudEvent.of("result-" + command.commandId(), URI.create("/sundown/shutdown-executor"),
                        Instant.now(), ShutdownResult.of(command, Outcome.DONE, "earlier run", Instant.now(), 1)));
        await().until(() -> processed.contains(command.commandId()));
        ShutdownCommand marker = kernelCommand(jupyter().startSettledKernel(), Instant.now().minusSeconds(1), true);

        trail.send(command);
        sent.add(command);
        send(marker);

        assertThat(trail.resultsOf(command.commandId())).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("earlier run"));
        assertThat(kernelIds()).contains(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldReportAlreadyGoneWhenTheKernelWasDeletedBeforeTheCommandIsRedelivered() {
        // The action succeeded but the executor stopped before its result was written: the command comes again.
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);
        jupyter().request("DELETE", "/api/kernels/" + kernel, null);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_GONE);
        assertThat(result.attempts()).isZero();
        assertExactlyOneResultEach();
    }

    @Test
    void shouldDeleteNothingInDryRun() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), true);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_DRY_RUN);
        assertThat(result.detail()).contains("would delete kernel " + kernel);
        assertThat(kernelIds()).contains(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldRefuseToDeleteTheWholeJupyterServer() {
        ShutdownCommand command = Commands.command(AppKey.jupyter(ExecutorWorld.TARGET), OwnerKind.JUPYTER_TARGET,
                ResourceKind.APP, ExecutorWorld.TARGET, Instant.now().minusSeconds(60), false, IDLE_LIMIT);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_EXEMPT);
        assertThat(jupyter().answers()).isTrue();
        assertExactlyOneResultEach();
    }

    @Test
    void shouldDeadLetterAMalformedRecordAndKeepGoing() {
        trail.sendRaw("jupyter/lab", "{not json".getBytes(StandardCharsets.UTF_8));
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand next = kernelCommand(kernel, lastActivity(kernel), false);

        ShutdownResult result = send(next);

        DeadLetter deadLetter = trail.awaitDeadLetter(d -> "{not json".equals(d.payload()));
        assertThat(deadLetter.problem()).isEqualTo("NOT_JSON");
        assertThat(deadLetter.key()).isEqualTo("jupyter/lab");
        assertThat(deadLetter.sourceTopic()).isEqualTo("sundown.shutdown.command.v1");
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldDeadLetterACommandWhoseKeyDoesNotMatchAndActOnNothing() {
        String kernel = jupyter().startSettledKernel();
        ShutdownCommand command = kernelCommand(kernel, lastActivity(kernel), false);

        trail.send("jupyter/elsewhere", command);
        sent.add(command);
        ShutdownResult result = trail.awaitResult(command);

        DeadLetter deadLetter = trail.awaitDeadLetter(d -> "KEY_MISMATCH".equals(d.problem())
                && "jupyter/elsewhere".equals(d.key()));
        assertThat(deadLetter.reason()).contains("does not match");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.attempts()).isZero();
        assertThat(kernelIds()).contains(kernel);
        assertExactlyOneResultEach();
    }

    @Test
    void shouldReportReadinessWithKafkaAndCountCommandsByOutcome() {
        String kernel = jupyter().startSettledKernel();
        send(kernelCommand(kernel, lastActivity(kernel), false));

        // The Kafka connector's readiness check covers every channel: commands in, results and dead letters out.
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.data.commands", hasItem(containsString("OK")))
                .body("checks.data.results", hasItem(containsString("OK")));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("sundown_executor_commands_total{outcome=\"done\"}")
                .contains("sundown_executor_action_latency_seconds_count{kind=\"kernel\"}")
                .contains("sundown_executor_attempts_count");
        assertExactlyOneResultEach();
    }

    private ShutdownResult send(ShutdownCommand command) {
        trail.send(command);
        sent.add(command);
        return trail.awaitResult(command);
    }

    private void assertExactlyOneResultEach() {
        for (ShutdownCommand command : sent) {
            assertThat(trail.resultsOf(command.commandId())).as("results of " + command.commandId()).hasSize(1);
            assertThat(trail.resultKey(command.commandId())).contains(command.appKey().toString());
        }
    }

    private static ShutdownCommand kernelCommand(String kernel, Instant lastActivity, boolean dryRun) {
        return Commands.command(AppKey.jupyter(ExecutorWorld.TARGET), OwnerKind.JUPYTER_TARGET, ResourceKind.KERNEL,
                kernel, lastActivity, dryRun, IDLE_LIMIT);
    }

    private static ShutdownCommand terminalCommand(String terminal, Instant lastActivity) {
        return Commands.command(AppKey.jupyter(ExecutorWorld.TARGET), OwnerKind.JUPYTER_TARGET,
                ResourceKind.TERMINAL, terminal, lastActivity, false, IDLE_LIMIT);
    }

    private static Instant lastActivity(String kernel) {
        return Instant.parse(jupyter().kernel(kernel).path("last_activity").asText());
    }

    private static Instant terminalActivity(String terminal) {
        for (JsonNode t : jupyter().terminals()) {
            if (t.path("name").asText().equals(terminal)) {
                return Instant.parse(t.path("last_activity").asText());
            }
        }
        throw new AssertionError("no terminal " + terminal);
    }

    private static List<String> kernelIds() {
        return jupyter().kernels().stream().map(k -> k.path("id").asText()).toList();
    }

    private static List<String> terminalNames() {
        return jupyter().terminals().stream().map(t -> t.path("name").asText()).toList();
    }

    private static JupyterServer jupyter() {
        return ExecutorWorld.jupyter();
    }
}
