package dev.sundown.e2e;

import static dev.sundown.e2e.Stack.DOMAIN;
import static dev.sundown.e2e.Stack.IDLE_LIMIT;
import static dev.sundown.e2e.Stack.ROOMY_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.e2e.Simulator.Call;
import dev.sundown.events.AppObserved;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.FindingKind;
import dev.sundown.events.Ids;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.Outcome;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The acceptance scenarios, run against the whole pipeline as separate processes. Each scenario uses its own user
 * profiles, kernels or target, so they run side by side on one stack.
 */
@Execution(ExecutionMode.CONCURRENT)
class AcceptanceIT {

    /** Slack for timing: the machine is shared, polls are 1 s apart, the punctuator runs every 0.25 s. */
    private static final Duration EARLY = Duration.ofMillis(1500);
    private static final Duration SCENARIO = Duration.ofSeconds(90);

    private static Stack stack;
    private static Simulator sim;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("acceptance", "acceptance.yaml", Map.of("flaky", "e2e-token-flaky-7c1f0e"));
        sim = stack.simulator();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            try {
                Trail.assertEveryCommandHasExactlyOneResult("", Duration.ofSeconds(60));
                assertThat(Leaks.find(stack)).as("secrets in the logs and topics of the run").isEmpty();
            } finally {
                stack.close();
            }
        }
    }

    @Test
    void shouldWarnThenShutDownAnIdleKernelOnARealJupyterServerAndReportItInTheDigest() {
        // given a kernel on a real Jupyter Server with a browser tab attached, doing nothing
        String kernel = stack.jupyter().startKernel();
        stack.jupyter().connect(kernel);
        ResourceRef ref = new ResourceRef(ResourceKind.KERNEL, kernel);

        // then its owner is warned, and it is shut down after the warning
        ShutdownWarning warning = Trail.awaitWarning("warning for " + ref, SCENARIO,
                w -> w.appKey().toString().equals("jupyter/lab") && w.resources().contains(ref));
        ShutdownResult result = Trail.awaitResult("result for " + ref, SCENARIO, r -> r.resource().equals(ref));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.actedAt()).isAfterOrEqualTo(warning.issuedAt().plus(Stack.WARN_BEFORE).minus(EARLY));
        await("kernel " + kernel + " gone from the Jupyter Server").atMost(Duration.ofSeconds(10))
                .until(() -> stack.jupyter().kernels().stream().noneMatch(k -> k.path("id").asText().equals(kernel)));

        // and the on-demand digest counts it
        JsonNode digest = Http.post(stack.url(Stack.Service.NOTIFIER) + "/digest", "").expect2xx("digest").json();
        assertThat(digest.path("shutDown").asInt()).isGreaterThanOrEqualTo(1);
        await("digest naming the kernel on Slack").atMost(Duration.ofSeconds(30))
                .until(() -> sim.slackPosted("Sundown digest: ", "Shut down: jupyter/lab kernel:" + kernel));
        Trail.assertEveryCommandHasExactlyOneResult("jupyter/lab", SCENARIO);
    }

    @Test
    void shouldNeverShutDownAKernelBusyFarPastTheLimit() {
        // given a kernel running a long computation that prints nothing
        String kernel = stack.jupyter().startKernel();
        stack.jupyter().connect(kernel);
        stack.jupyter().execute(kernel, "import time; time.sleep(90)");
        await("kernel busy").atMost(Duration.ofSeconds(10))
                .until(() -> "busy".equals(stack.jupyter().kernel(kernel).path("execution_state").asText()));

        // then, three idle limits later, it still runs and no command was ever issued for it
        await("busy kernel left alone").during(IDLE_LIMIT.multipliedBy(3)).atMost(IDLE_LIMIT.multipliedBy(4))
                .until(() -> stack.jupyter().kernels().stream().anyMatch(k -> k.path("id").asText().equals(kernel)));
        assertThat(Trail.commands(c -> c.resource().id().equals(kernel))).isEmpty();
        assertThat(stack.jupyter().kernel(kernel).path("execution_state").asText()).isEqualTo("busy");
    }

    @Test
    void shouldKeepAnAppWhoseTerminalIsTypedIntoAndShutItDownOnceQuiet() throws Exception {
        // given a KernelGateway app whose kernel is idle but whose terminal someone types into every second
        sim.addProfileWithApp("tessa", "{}", "kg-tessa", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[{\"idleSince\": \"0s\"}]");
        String terminal = sim.profileServer("tessa").path("terminals").get(0).path("name").asText();
        ScheduledExecutorService typist = Executors.newSingleThreadScheduledExecutor();
        Instant[] lastTyped = {Instant.now()};
        typist.scheduleAtFixedRate(() -> {
            sim.typeInProfileTerminal("tessa", terminal);
            lastTyped[0] = Instant.now();
        }, 0, 1, TimeUnit.SECONDS);
        try {
            // then it keeps running for more than twice its limit
            await("app kept while typed into").during(IDLE_LIMIT.multipliedBy(5).dividedBy(2))
                    .atMost(IDLE_LIMIT.multipliedBy(4))
                    .until(() -> sim.deleteAppCalls("kg-tessa").isEmpty());
        } finally {
            typist.shutdownNow();
            typist.awaitTermination(5, TimeUnit.SECONDS);
        }
        Instant quietFrom = lastTyped[0];

        // when the terminal goes quiet, the app is shut down one limit later, not before
        await("kg-tessa deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-tessa").isEmpty());
        Call delete = sim.deleteAppCalls("kg-tessa").get(0);
        assertThat(delete.time()).isAfterOrEqualTo(quietFrom.plus(IDLE_LIMIT).minus(EARLY));
        ShutdownResult result = Trail.awaitResult("result for kg-tessa", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-tessa")));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/tessa/", SCENARIO);
    }

    @Test
    void shouldShutDownAnEmptyKernelGatewayAppAfterTheLimitAndRestartTheClockWhenAKernelAppears() {
        // given two empty KernelGateway apps
        Instant created = Instant.now();
        sim.addProfileWithApp("ella", "{}", "kg-ella", "datascience-1.0", "ml.t3.medium", "[]", "[]");
        sim.addProfileWithApp("emma", "{}", "kg-emma", "datascience-1.0", "ml.t3.medium", "[]", "[]");

        // when a kernel appears on one of them half-way through its limit
        await("half the limit").pollDelay(IDLE_LIMIT.dividedBy(2)).atMost(IDLE_LIMIT).until(() -> true);
        Instant kernelAt = Instant.now();
        sim.addProfileKernel("emma", "kg-emma", "0s");

        // then the other is shut down after the limit, and this one a full limit after the kernel appeared
        await("kg-ella deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-ella").isEmpty());
        assertThat(sim.deleteAppCalls("kg-ella").get(0).time()).isAfterOrEqualTo(created.plus(IDLE_LIMIT).minus(EARLY));
        await("kg-emma deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-emma").isEmpty());
        assertThat(sim.deleteAppCalls("kg-emma").get(0).time())
                .isAfterOrEqualTo(kernelAt.plus(IDLE_LIMIT).minus(EARLY));
        assertThat(sim.deleteAppCalls("kg-ella")).hasSize(1);
        assertThat(sim.deleteAppCalls("kg-emma")).hasSize(1);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/ella/", SCENARIO);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/emma/", SCENARIO);
        assertNoCoverageLostOnceDeleted("ella", "kg-ella");
        assertNoCoverageLostOnceDeleted("emma", "kg-emma");
    }

    @Test
    void shouldShutDownADataWranglerAppAfterItsOwnLimit() {
        // given a longer limit for the Data Wrangler image, set through the evaluator's policy API
        Duration wranglerLimit = IDLE_LIMIT.multipliedBy(5).dividedBy(2);
        String scope = "image/sagemaker-data-wrangler-1.0";
        stack.putPolicy(scope, "{\"idleLimit\": \"" + wranglerLimit + "\", \"warnBefore\": \"PT3S\"}");

        // and a Data Wrangler app and a plain one, both with an idle kernel
        Instant created = Instant.now();
        sim.addProfileWithApp("dora", "{}", "kg-dora", "sagemaker-data-wrangler-1.0", "ml.m5.4xlarge",
                "[{\"idleSince\": \"0s\"}]", "[]");
        sim.addProfileWithApp("dan", "{}", "kg-dan", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");

        // then the plain app goes after the global limit, the Data Wrangler app only after its own
        await("kg-dan deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-dan").isEmpty());
        assertThat(sim.deleteAppCalls("kg-dora")).as("Data Wrangler app still running").isEmpty();
        await("kg-dora deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-dora").isEmpty());
        assertThat(sim.deleteAppCalls("kg-dora").get(0).time())
                .isAfterOrEqualTo(created.plus(wranglerLimit).minus(EARLY));
        ShutdownResult result = Trail.awaitResult("result for kg-dora", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-dora")));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.policy().idleLimit()).isEqualTo(wranglerLimit);
        assertThat(result.policy().scopes()).contains(scope);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/dora/", SCENARIO);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/dan/", SCENARIO);
        assertNoCoverageLostOnceDeleted("dora", "kg-dora");
        assertNoCoverageLostOnceDeleted("dan", "kg-dan");
    }

    @Test
    void shouldNeverTouchAnExemptProfile() {
        // given one profile exempt by policy and one by tag, each with an idle app
        stack.putPolicy("owner/" + DOMAIN + "/xavi", "{\"exempt\": true}");
        sim.addProfileWithApp("xavi", "{}", "kg-xavi", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        sim.addProfileWithApp("xena", "{\"sundown:exempt\": \"true\"}", "kg-xena", "datascience-1.0",
                "ml.g4dn.xlarge", "[{\"idleSince\": \"0s\"}]", "[]");
        List<String> kernels = List.of(
                sim.profileServer("xavi").path("kernels").get(0).path("id").asText(),
                sim.profileServer("xena").path("kernels").get(0).path("id").asText());

        // then, three limits later, nothing of theirs was stopped
        await("exempt apps untouched").during(IDLE_LIMIT.multipliedBy(3)).atMost(IDLE_LIMIT.multipliedBy(4))
                .until(() -> sim.deleteAppCalls("kg-xavi").isEmpty() && sim.deleteAppCalls("kg-xena").isEmpty()
                        && kernels.stream().allMatch(k -> sim.deleteKernelCalls(k).isEmpty()));
        assertThat(sim.appStatus("xavi", "kg-xavi")).isEqualTo("InService");
        assertThat(sim.appStatus("xena", "kg-xena")).isEqualTo("InService");
        Trail.assertNothingStopped(DOMAIN + "/xavi/");
        Trail.assertNothingStopped(DOMAIN + "/xena/");
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/xavi/", SCENARIO);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/xena/", SCENARIO);
    }

    @Test
    void shouldFreezeAnUnreachableServerRaiseCoverageAndNotShutDownInstantlyWhenItReturns() {
        // given an idle kernel on a server Sundown has observed, under a limit the outage can register within
        stack.roomyLimit("jupyter/flaky");
        String kernel = sim.addTargetKernel("flaky", "0s");
        await("kernel observed").atMost(SCENARIO).until(() -> Trail.data(Topics.KERNEL_ACTIVITY,
                KernelObserved.class).stream().anyMatch(k -> k.kernelId().equals(kernel)));

        // when the server stops answering for longer than the idle limit
        long lostBefore = sim.slackPosts("Coverage ", "server flaky: coverage lost");
        long restoredBefore = sim.slackPosts("Coverage ", "server flaky: coverage restored");
        sim.targetReachability("flaky", "refused", null);
        await("coverage lost for flaky").atMost(SCENARIO).until(() -> !Trail.findings(f ->
                f.kind() == FindingKind.COVERAGE_LOST && f.owner().equals("flaky")).isEmpty());
        await("coverage alert on Slack").atMost(SCENARIO)
                .until(() -> sim.slackPosts("Coverage ", "server flaky: coverage lost") > lostBefore);
        await("nothing shut down while unreachable").during(ROOMY_LIMIT.plusSeconds(2))
                .atMost(ROOMY_LIMIT.multipliedBy(2)).until(() -> sim.deleteKernelCalls(kernel).isEmpty());

        // then, when it answers again, the kernel gets a full limit before it is shut down
        Instant back = Instant.now();
        sim.targetReachability("flaky", "ok", null);
        await("coverage restored").atMost(SCENARIO).until(() -> !Trail.findings(f ->
                f.kind() == FindingKind.COVERAGE_RESTORED && f.owner().equals("flaky")).isEmpty());
        await("coverage restored on Slack").atMost(SCENARIO)
                .until(() -> sim.slackPosts("Coverage ", "server flaky: coverage restored") > restoredBefore);
        await("kernel shut down after the limit").atMost(SCENARIO)
                .until(() -> !sim.deleteKernelCalls(kernel).isEmpty());
        assertThat(sim.deleteKernelCalls(kernel).get(0).time()).isAfterOrEqualTo(back.plus(ROOMY_LIMIT).minus(EARLY));
        Trail.assertEveryCommandHasExactlyOneResult("jupyter/flaky", SCENARIO);
    }

    @Test
    void shouldReportAProfileSundownCannotObserveOnSnsAndSlack() {
        // given a profile whose Jupyter server is running but refuses connections
        sim.addProfile("""
                {"name": "ghost", "server": {"reachability": "refused"},
                 "apps": [{"type": "JupyterServer", "name": "default"}]}""");
        await("ghost attempted").pollDelay(POLL_TWICE).atMost(SCENARIO).until(() -> true);

        // when a compliance scan runs
        Http.post(stack.url(Stack.Service.COLLECTOR) + "/compliance/scan", "").expect2xx("compliance scan");

        // then the profile is named on SNS and on Slack
        List<ComplianceFinding> findings = Trail.findings(f -> f.owner().equals("ghost") && !f.covered());
        assertThat(findings).as("findings for ghost").isNotEmpty();
        await("ghost on SNS").atMost(SCENARIO)
                .until(() -> sim.snsMessages().stream().anyMatch(m -> m.path("message").asText().contains("ghost")));
        await("ghost on Slack").atMost(SCENARIO)
                .until(() -> sim.slackMessages().stream().anyMatch(m -> m.toString().contains("ghost")));
    }

    private static final Duration POLL_TWICE = Stack.POLL_INTERVAL.multipliedBy(3);

    @Test
    void shouldReportButDeleteNothingInDryRun() {
        // given a profile under a dry-run policy with an idle app
        stack.putPolicy("owner/" + DOMAIN + "/dru", "{\"dryRun\": true}");
        sim.addProfileWithApp("dru", "{\"sundown:slack-user\": \"U0DRU\"}", "kg-dru", "datascience-1.0",
                "ml.t3.medium", "[{\"idleSince\": \"0s\"}]", "[]");
        String kernel = sim.profileServer("dru").path("kernels").get(0).path("id").asText();

        // then the warning and the result say dry-run, an alert goes out, and nothing is deleted
        ShutdownWarning warning = Trail.awaitWarning("dry-run warning", SCENARIO,
                w -> w.appKey().toString().startsWith(DOMAIN + "/dru/"));
        assertThat(warning.dryRun()).isTrue();
        ShutdownResult result = Trail.awaitResult("dry-run result", SCENARIO,
                r -> r.appKey().toString().startsWith(DOMAIN + "/dru/"));
        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_DRY_RUN);
        await("dry-run alert on Slack").atMost(SCENARIO)
                .until(() -> sim.slackWarned("U0DRU", "kg-dru"));
        assertThat(sim.deleteAppCalls("kg-dru")).isEmpty();
        assertThat(sim.deleteKernelCalls(kernel)).isEmpty();
        assertThat(sim.appStatus("dru", "kg-dru")).isEqualTo("InService");
        Trail.assertNothingStopped(DOMAIN + "/dru/");
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/dru/", SCENARIO);
    }

    /**
     * An app Sundown deleted is gone, not unobserved: the collector reports it {@code Deleted} once, and no coverage
     * alert follows for it once its sources fall silent. Coverage messages to a domain are grouped, and a profile's
     * JupyterServer shares the app's sources (a legitimate flap under load would raise one for it), so the findings
     * are matched to the app itself by the evaluator's finding id: a digest of kind, app key and last observation.
     */
    private static void assertNoCoverageLostOnceDeleted(String owner, String app) {
        String key = DOMAIN + "/" + owner + "/KernelGateway/" + app;
        Instant goneAt = await(key + " reported Deleted").atMost(SCENARIO).until(() -> Trail.data(Topics.APP_ACTIVITY,
                        AppObserved.class).stream().filter(a -> a.appKey().toString().equals(key)
                        && "Deleted".equals(a.status())).map(AppObserved::observedAt).findFirst(),
                java.util.Optional::isPresent).get();
        await("no coverage alert for " + key + " after its deletion")
                .during(Stack.STALENESS.plusSeconds(3)).atMost(Stack.STALENESS.plusSeconds(10))
                .until(() -> Trail.findings(f -> f.kind() == FindingKind.COVERAGE_LOST && f.detectedAt().isAfter(goneAt)
                        && f.findingId().equals(Ids.coverageFindingId(f.kind(), key,
                        f.lastObservedAt() != null ? f.lastObservedAt() : f.detectedAt()))).isEmpty());
    }
}
