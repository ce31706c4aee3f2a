package dev.sundown.executor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.executor.Commands;
import dev.sundown.executor.domain.PolicyBook;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor against the studio-simulator (SageMaker API and Studio front door) through the real AWS SDK. */
@QuarkusTest
@QuarkusTestResource(value = ExecutorWorld.class, restrictToAnnotatedClass = false)
class StudioShutdownTest {

    private static final String DOMAIN = "d-exec0000001";
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(1);
    private static final String FIRST = "11111111-1111-4111-8111-111111111111";
    private static final String AFTER_EXPIRY = "22222222-2222-4222-8222-222222222222";
    private static final String BUSY = "33333333-3333-4333-8333-333333333333";
    private static final String AFTER_REDIRECT = "44444444-4444-4444-8444-444444444444";
    private static final String RAN_CODE = "66666666-6666-4666-8666-666666666666";
    private static final String ORPHAN_KERNEL = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    private static final String RETRIED_KERNEL = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
    private static Trail trail;
    private static SimulatorAdmin simulator;

    @Inject
    PolicyBook policies;

    private final List<ShutdownCommand> sent = new ArrayList<>();

    @BeforeAll
    static void open() {
        trail = new Trail(ExecutorWorld.broker());
        simulator = new SimulatorAdmin(ExecutorWorld.simulator().baseUrl());
    }

    @AfterAll
    static void close() {
        trail.close();
    }

    @AfterEach
    void everyCommandHasExactlyOneResult() {
        simulator.clearFaults();
        for (ShutdownCommand command : sent) {
            assertThat(trail.resultsOf(command.commandId())).as("results of " + command.commandId()).hasSize(1);
        }
    }

    @Test
    void shouldDeleteAStudioKernelThroughThePresignedFrontDoorWithXsrf() {
        // The front door refuses a DELETE without the X-XSRFToken of its _xsrf cookie, so a deleted kernel shows the
        // whole path: presigned URL, cookie session, xsrf header.
        ShutdownCommand command = kernelCommand(FIRST, kernelActivity(FIRST), false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.kernel(DOMAIN, "alice", FIRST)).isEmpty();
    }

    @Test
    void shouldLogInAgainWhenTheStudioSessionExpired() {
        Instant activity = kernelActivity(AFTER_EXPIRY);
        send(kernelCommand(AFTER_EXPIRY, activity.plusMillis(1), true));
        int logins = simulator.studioLogins().size();
        simulator.expireSessions(DOMAIN, "alice");

        ShutdownResult result = send(kernelCommand(AFTER_EXPIRY, activity, false));

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.studioLogins()).hasSize(logins + 1);
        assertThat(simulator.kernel(DOMAIN, "alice", AFTER_EXPIRY)).isEmpty();
    }

    @Test
    void shouldLogInAgainWhenStudioRedirectsToItsLoginPage() {
        Instant activity = kernelActivity(AFTER_REDIRECT);
        send(kernelCommand(AFTER_REDIRECT, activity.plusMillis(1), true));
        int logins = simulator.studioLogins().size();
        simulator.unauthenticated("redirect");
        try {
            simulator.expireSessions(DOMAIN, "alice");

            ShutdownResult result = send(kernelCommand(AFTER_REDIRECT, activity, false));

            assertThat(result.outcome()).isEqualTo(Outcome.DONE);
            assertThat(simulator.studioLogins()).hasSize(logins + 1);
            assertThat(simulator.kernel(DOMAIN, "alice", AFTER_REDIRECT)).isEmpty();
        } finally {
            simulator.unauthenticated("forbidden");
        }
    }

    @Test
    void shouldNeverStopABusyStudioKernel() {
        ShutdownCommand command = kernelCommand(BUSY, kernelActivity(BUSY), false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(simulator.kernel(DOMAIN, "alice", BUSY)).isPresent();
    }

    @Test
    void shouldDeleteAKernelGatewayAppThroughItsDeleteLifecycle() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-delete",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.instanceType()).isEqualTo("ml.t3.medium");
        assertThat(simulator.deleteAppsOf("kg-delete")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.appStatus(DOMAIN, "alice", "kg-delete").equals("Deleted"));
    }

    @Test
    void shouldDeleteAnAppOnceWhenItsCommandArrivesTwice() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-replay",
                false);
        // Same app key, so the same partition: once the marker has its result, both copies were handled.
        ShutdownCommand marker = Commands.command(command.appKey(), OwnerKind.USER_PROFILE, ResourceKind.APP,
                "kg-replay", command.lastActivity().minusSeconds(1), true, IDLE_LIMIT);

        trail.send(command);
        trail.send(command);
        sent.add(command);
        send(marker);

        assertThat(trail.resultsOf(command.commandId())).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DONE));
        assertThat(simulator.deleteAppsOf("kg-replay")).isEqualTo(1);
    }

    @Test
    void shouldFinishDespiteThrottlingAndServerErrors() {
        simulator.clearRecords();
        simulator.faults("{\"seed\":7,\"sagemaker\":{\"*\":{\"throttleRate\":0.5,\"errorRate\":0.2}}}");
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-faults",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.deleteAppsOf("kg-faults")).isEqualTo(1);
        assertThat(simulator.sageMakerCalls(null).stream().map(c -> c.path("errorType").asText("")))
                .contains("ThrottlingException", "InternalFailure");
    }

    @Test
    void shouldFailAndDeadLetterWhenRetriesRunOut() {
        simulator.faults("{\"sagemaker\":{\"DeleteApp\":{\"throttleRate\":1.0}}}");
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-exhausted",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.attempts()).isEqualTo(15);
        assertThat(result.detail()).contains("ThrottlingException").doesNotContain("http");
        DeadLetter deadLetter = trail.awaitDeadLetter(d -> "RETRIES_EXHAUSTED".equals(d.problem())
                && command.appKey().toString().equals(d.key()));
        assertThat(deadLetter.payload()).contains(command.commandId());
        assertThat(simulator.appStatus(DOMAIN, "alice", "kg-exhausted")).isEqualTo("InService");
    }

    @Test
    void shouldReportAlreadyGoneForAnAppThatNoLongerExists() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-long-gone",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_GONE);
        assertThat(simulator.deleteAppsOf("kg-long-gone")).isZero();
    }

    @Test
    void shouldNeverDeleteAJupyterServerApp() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.JupyterServer, "default",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_EXEMPT);
        assertThat(simulator.deleteAppsOf("default")).isZero();
    }

    @Test
    void shouldSkipAnAppWhoseUserProfileIsTaggedExempt() {
        ShutdownCommand command = appCommand("bob", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-exempt",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_EXEMPT);
        assertThat(result.detail()).contains("user profile d-exec0000001/bob");
        assertThat(simulator.deleteAppsOf("kg-exempt")).isZero();
    }

    @Test
    void shouldSkipAnAppThatAPolicyNowExempts() {
        ShutdownCommand command = appCommand("carol", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-policy",
                false);
        PolicyScope scope = PolicyScope.owner(DOMAIN, "carol");
        ExecutorWorld.broker().sendEvent(Topics.POLICIES, scope.toString(), CloudEvent.of(URI.create("/test"),
                Instant.now(), new IdlePolicy(scope, null, null, true, null, null, null, null, "test",
                        Instant.now())));
        await().until(() -> policies.exemptingScope(command).isPresent());

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_EXEMPT);
        assertThat(result.detail()).isEqualTo("exempt by policy owner/d-exec0000001/carol");
        assertThat(simulator.deleteAppsOf("kg-policy")).isZero();
    }

    @Test
    void shouldDeleteASpaceJupyterLabApp() {
        ShutdownCommand command = appCommand("team-space", OwnerKind.SPACE, AppType.JupyterLab, "default", false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.sageMakerCalls("DeleteApp")).anySatisfy(call -> {
            assertThat(call.path("request").path("SpaceName").asText()).isEqualTo("team-space");
            assertThat(call.path("status").asInt()).isEqualTo(200);
        });
    }

    @Test
    void shouldDeleteNoAppInDryRun() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-dry", true);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_DRY_RUN);
        assertThat(simulator.deleteAppsOf("kg-dry")).isZero();
        assertThat(simulator.appStatus(DOMAIN, "alice", "kg-dry")).isEqualTo("InService");
    }

    @Test
    void shouldKeepAnAppWhoseImageTerminalWasTypedIntoAfterTheDecision() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-typed",
                false);
        String terminal = imageTerminal("alice", "sundown-typed");
        simulator.typeInTerminal(DOMAIN, "alice", terminal);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(result.detail()).contains("terminal " + terminal + " on the app was active at ")
                .contains("after the decision's last activity " + command.lastActivity()).doesNotContain("http");
        assertThat(result.attempts()).isZero();
        assertThat(simulator.deleteAppCallsOf("kg-typed")).isZero();
        assertThat(simulator.appStatus(DOMAIN, "alice", "kg-typed")).isEqualTo("InService");
    }

    @Test
    void shouldDeleteAnAppWhoseTerminalWasTypedIntoWhenThePolicyDoesNotKeepTerminalsAlive() {
        ShutdownCommand command = Commands.withTerminalsKeepAlive(appCommand("alice", OwnerKind.USER_PROFILE,
                AppType.KernelGateway, "kg-terminals-free", false), false);
        simulator.typeInTerminal(DOMAIN, "alice", imageTerminal("alice", "sundown-terminals-free"));

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.policy().keepsTerminalsAlive()).isFalse();
        assertThat(simulator.deleteAppsOf("kg-terminals-free")).isEqualTo(1);
    }

    @Test
    void shouldStopRetryingDeleteAppWhenAKernelStartsRunningMeanwhile() {
        simulator.faults("{\"sagemaker\":{\"DeleteApp\":{\"throttleRate\":1.0,\"latencyMs\":200}}}");
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-retried",
                false);
        trail.send(command);
        sent.add(command);
        await("first DeleteApp throttled").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> simulator.deleteAppCallsOf("kg-retried") > 0);

        simulator.runCode(DOMAIN, "alice", RETRIED_KERNEL, 2);
        ShutdownResult result = trail.awaitResult(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(result.detail()).startsWith("kernel " + RETRIED_KERNEL + " on the app ")
                .contains("seen before retrying DeleteApp " + command.appKey());
        assertThat(result.attempts()).isPositive().isLessThan(15);
        assertThat(simulator.deleteAppCallsOf("kg-retried")).isEqualTo(result.attempts());
        assertThat(simulator.deleteAppsOf("kg-retried")).isZero();
        assertThat(simulator.appStatus(DOMAIN, "alice", "kg-retried")).isEqualTo("InService");
    }

    @Test
    void shouldKeepAnAppWhoseKernelRanCodeAfterTheDecision() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-ran-code",
                false);
        simulator.runCode(DOMAIN, "alice", RAN_CODE, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "idle".equals(simulator.kernel(DOMAIN, "alice", RAN_CODE)
                .orElseThrow().path("execution_state").asText()));

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(result.detail()).startsWith("kernel " + RAN_CODE + " on the app was active at ");
        assertThat(simulator.deleteAppCallsOf("kg-ran-code")).isZero();
        assertThat(simulator.kernel(DOMAIN, "alice", RAN_CODE)).isPresent();
    }

    @Test
    void shouldDeleteAnAppWhoseKernelsAndTerminalStayedQuiet() {
        ShutdownCommand command = appCommand("alice", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-quiet",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(simulator.deleteAppsOf("kg-quiet")).isEqualTo(1);
    }

    @Test
    void shouldNotDeleteAnAppWhoseFrontDoorCannotBeRead() {
        simulator.reachability(DOMAIN, "dave", "refused");
        try {
            ShutdownCommand command = appCommand("dave", OwnerKind.USER_PROFILE, AppType.KernelGateway,
                    "kg-unreachable", false);

            ShutdownResult result = send(command);

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.detail()).startsWith("could not re-validate before acting: studio/d-exec0000001/dave")
                    .doesNotContain("http").doesNotContain("token");
            assertThat(result.attempts()).isZero();
            DeadLetter deadLetter = trail.awaitDeadLetter(d -> "RETRIES_EXHAUSTED".equals(d.problem())
                    && command.appKey().toString().equals(d.key()));
            assertThat(deadLetter.payload()).contains(command.commandId());
            assertThat(simulator.deleteAppCallsOf("kg-unreachable")).isZero();
            assertThat(simulator.appStatus(DOMAIN, "dave", "kg-unreachable")).isEqualTo("InService");
        } finally {
            simulator.reachability(DOMAIN, "dave", "ok");
        }
    }

    @Test
    void shouldDeleteAnEmptyKernelGatewayAppAfterReadingItsFrontDoor() {
        ShutdownCommand command = appCommand("erin", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-empty",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.studioLoginsOf("erin")).isEqualTo(1);
        assertThat(simulator.deleteAppsOf("kg-empty")).isEqualTo(1);
    }

    @Test
    void shouldDeleteAKernelGatewayAppWhoseServerIsStoppedWithoutWakingTheServer() {
        ShutdownCommand command = appCommand("heidi", OwnerKind.USER_PROFILE, AppType.KernelGateway, "kg-orphan",
                false);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(simulator.deleteAppsOf("kg-orphan")).isEqualTo(1);
        assertThat(simulator.studioLoginsOf("heidi")).isZero();
        assertThat(simulator.serverStartsOf("heidi")).isZero();
    }

    @Test
    void shouldKeepAKernelGatewayAppWhoseServerIsStoppedWhenSageMakerSeesNewerActivity() {
        ShutdownCommand command = appCommand("heidi", OwnerKind.USER_PROFILE, AppType.KernelGateway,
                "kg-orphan-active", false);
        simulator.touchKernel(DOMAIN, "heidi", ORPHAN_KERNEL);

        ShutdownResult result = send(command);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(result.detail()).startsWith("the JupyterServer app is Deleted; SageMaker reports user activity at ");
        assertThat(simulator.deleteAppCallsOf("kg-orphan-active")).isZero();
        assertThat(simulator.studioLoginsOf("heidi")).isZero();
        assertThat(simulator.serverStartsOf("heidi")).isZero();
    }

    /** The name of the image terminal that runs on an app built from {@code image}. */
    private static String imageTerminal(String profile, String image) {
        List<String> names = new ArrayList<>();
        simulator.profileServer(DOMAIN, profile).path("terminals").forEach(t -> names.add(t.path("name").asText()));
        return names.stream().filter(n -> n.contains("/" + image + "__")).findFirst()
                .orElseThrow(() -> new AssertionError("no image terminal of " + image + " in " + names));
    }

    private ShutdownResult send(ShutdownCommand command) {
        trail.send(command);
        sent.add(command);
        return trail.awaitResult(command);
    }

    private static Instant kernelActivity(String kernelId) {
        return Instant.parse(simulator.kernel(DOMAIN, "alice", kernelId).orElseThrow()
                .path("last_activity").asText());
    }

    private static ShutdownCommand kernelCommand(String kernelId, Instant lastActivity, boolean dryRun) {
        return Commands.command(AppKey.studio(DOMAIN, "alice", AppType.KernelGateway, "kg-kernels"),
                OwnerKind.USER_PROFILE, ResourceKind.KERNEL, kernelId, lastActivity, dryRun, IDLE_LIMIT);
    }

    /** An app command whose idle period (and so its id) is new on every call. */
    private static ShutdownCommand appCommand(String owner, OwnerKind ownerKind, AppType type, String app,
                                              boolean dryRun) {
        return Commands.command(AppKey.studio(DOMAIN, owner, type, app), ownerKind, ResourceKind.APP, app,
                Instant.now().minus(IDLE_LIMIT.multipliedBy(2)), dryRun, IDLE_LIMIT);
    }
}
