package dev.sundown.evaluator.streams;

import static dev.sundown.evaluator.support.EvaluatorDriver.T0;
import static dev.sundown.evaluator.support.Events.KG_APP;
import static dev.sundown.evaluator.support.Events.app;
import static dev.sundown.evaluator.support.Events.kernel;
import static dev.sundown.evaluator.support.Events.policy;
import static dev.sundown.evaluator.support.Events.terminal;
import static dev.sundown.evaluator.support.Events.unobserved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.evaluator.domain.DecisionIds;
import dev.sundown.evaluator.support.EvaluatorDriver;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.FindingKind;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluatorTopologyTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration LIMIT = Duration.ofMinutes(120);
    private static final ResourceRef KG_APP_REF = new ResourceRef(ResourceKind.APP, KG_APP.appName());

    private final EvaluatorDriver driver = new EvaluatorDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    /** One collector poll of a KernelGateway app with one kernel. */
    private void pollKernelApp(AppKey key, String kernelId, ExecutionState state, Instant lastActivity) {
        driver.send(kernel(key, kernelId, state, lastActivity, driver.now()));
        driver.send(app(key, List.of(kernelId), List.of(), driver.now()));
    }

    @Test
    void shouldNeverShutDownBusyKernel() {
        // given a kernel that stays busy for five hours, polled every minute
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.BUSY, T0));

        // then nothing is ever warned or stopped
        assertThat(driver.commands).isEmpty();
        assertThat(driver.warnings).isEmpty();
    }

    @Test
    void shouldWarnThenCommandIdleKernelApp() {
        // given a kernel idle since T0, polled every minute
        pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);

        // when time reaches the warning point
        driver.runUntil(T0.plus(Duration.ofMinutes(105)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then the owner is warned once, and no command is out yet
        assertThat(driver.warningsFor(KG_APP)).singleElement().satisfies(w -> {
            assertThat(w.owner()).isEqualTo("alice");
            assertThat(w.resources()).containsExactly(KG_APP_REF);
            assertThat(w.deadline()).isEqualTo(T0.plus(LIMIT));
            assertThat(w.idleSince()).isEqualTo(T0);
            assertThat(w.noticeId()).isEqualTo(DecisionIds.noticeId(KG_APP.toString(), "app:" + KG_APP.appName(), T0));
        });
        assertThat(driver.commands).isEmpty();

        // when the deadline passes
        driver.runUntil(T0.plus(Duration.ofMinutes(130)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then exactly one command deletes the app, with the reason, the policy, the timestamps and the cost
        assertThat(driver.commands).singleElement().satisfies(w -> {
            ShutdownCommand c = w.data();
            assertThat(w.key()).isEqualTo(KG_APP.toString());
            assertThat(c.commandId()).isEqualTo(DecisionIds.commandId(KG_APP.toString(), "app:" + KG_APP.appName(), T0));
            assertThat(c.resource()).isEqualTo(KG_APP_REF);
            assertThat(c.ownerKind()).isEqualTo(OwnerKind.USER_PROFILE);
            assertThat(c.reason()).contains("1 kernel(s) idle");
            assertThat(c.policy().idleLimit()).isEqualTo(LIMIT);
            assertThat(c.policy().scopes()).containsExactly("config");
            assertThat(c.idleSince()).isEqualTo(T0);
            assertThat(c.deadline()).isEqualTo(T0.plus(LIMIT));
            assertThat(c.decidedAt()).isEqualTo(T0.plus(LIMIT));
            assertThat(c.lastActivity()).isEqualTo(T0);
            assertThat(c.estimatedHourlyCost()).isEqualTo(0.05);
            assertThat(c.instanceType()).isEqualTo("ml.t3.medium");
        });
    }

    @Test
    void shouldKeepAppAliveWhileTerminalIsTypedInThenShutItDownOnceQuiet() {
        // given a JupyterLab space app with an idle kernel and a terminal typed in until T0+60m
        AppKey lab = AppKey.studio("d-1", "team-space", AppType.JupyterLab, "default");
        Runnable poll = () -> {
            Instant typed = driver.now().isAfter(T0.plus(Duration.ofMinutes(60))) ? T0.plus(Duration.ofMinutes(60))
                    : driver.now();
            driver.send(kernel(lab, "k1", ExecutionState.IDLE, T0, driver.now()));
            driver.send(terminal(lab, "1", typed, driver.now()));
            driver.send(app(lab, List.of("k1"), List.of("1"), driver.now()));
        };
        poll.run();

        // when the kernel's limit passes while the terminal is still recent
        driver.runUntil(T0.plus(Duration.ofMinutes(150)), MINUTE, poll);

        // then only the idle kernel is stopped, on its own; the app is kept alive by the terminal
        assertThat(driver.commandsFor(lab)).singleElement().satisfies(c -> {
            assertThat(c.resource()).isEqualTo(new ResourceRef(ResourceKind.KERNEL, "k1"));
            assertThat(c.decidedAt()).isEqualTo(T0.plus(LIMIT));
            assertThat(c.estimatedHourlyCost()).isZero();
        });

        // when the terminal stays quiet for the whole limit
        driver.runUntil(T0.plus(Duration.ofMinutes(185)), MINUTE, poll);

        // then the app is deleted at the terminal's deadline
        assertThat(driver.commandsFor(lab)).hasSize(2).last().satisfies(c -> {
            assertThat(c.resource().kind()).isEqualTo(ResourceKind.APP);
            assertThat(c.idleSince()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
            assertThat(c.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(180)));
        });
    }

    @Test
    void shouldShutDownEmptyAppAfterLimitCountedFromWhenItBecameEmpty() {
        // given a KernelGateway app whose only kernel was busy, then disappears at T0+30m
        driver.runUntil(T0.plus(Duration.ofMinutes(30)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.BUSY, T0));
        driver.runUntil(T0.plus(Duration.ofMinutes(160)), MINUTE,
                () -> driver.send(app(KG_APP, List.of(), List.of(), driver.now())));

        // then the empty app is deleted 120 min after it became empty
        assertThat(driver.commandsFor(KG_APP)).singleElement().satisfies(c -> {
            assertThat(c.resource()).isEqualTo(KG_APP_REF);
            assertThat(c.idleSince()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
            assertThat(c.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(151)));
            assertThat(c.reason()).contains("empty");
        });
    }

    @Test
    void shouldRestartEmptyAppClockWhenKernelAppears() {
        // given an empty app seen at T0, and a kernel started in it at T0+60m that stays idle
        Instant started = T0.plus(Duration.ofMinutes(60));
        driver.runUntil(started, MINUTE, () -> driver.send(app(KG_APP, List.of(), List.of(), driver.now())));
        driver.runUntil(T0.plus(Duration.ofMinutes(170)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, started));

        // then nothing was stopped at the empty app's old deadline
        assertThat(driver.commands).isEmpty();

        // when the kernel's own limit passes
        driver.runUntil(T0.plus(Duration.ofMinutes(185)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, started));

        // then the app goes, counted from the kernel's appearance
        assertThat(driver.commandsFor(KG_APP)).singleElement()
                .satisfies(c -> assertThat(c.decidedAt()).isEqualTo(started.plus(LIMIT)));
    }

    @Test
    void shouldApplyDataWranglerImageLimit() {
        // given an image-scope policy for Data Wrangler of 60 minutes
        driver.sendPolicy(policy(PolicyScope.image("sagemaker-data-wrangler-1.0"), Duration.ofMinutes(60),
                Duration.ofMinutes(10), null, T0));
        AppKey wrangler = AppKey.studio("d-1", "alice", AppType.KernelGateway, "sagemaker-data-wrang-ml-m5-4xlarge-x");
        String image = "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-data-wrangler-1.0";
        Runnable poll = () -> {
            driver.send(kernel(wrangler, "dw", ExecutionState.IDLE, T0, driver.now()));
            driver.send(app(wrangler, List.of("dw"), List.of(), Map.of(), image, "ml.m5.4xlarge", driver.now()));
            pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);
        };
        poll.run();

        // when 61 minutes pass
        driver.runUntil(T0.plus(Duration.ofMinutes(61)), MINUTE, poll);

        // then the Data Wrangler app is stopped under its image policy, the ordinary app is not
        assertThat(driver.commandsFor(wrangler)).singleElement().satisfies(c -> {
            assertThat(c.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
            assertThat(c.policy().scopes()).containsExactly("config", "image/sagemaker-data-wrangler-1.0");
            assertThat(c.estimatedHourlyCost()).isEqualTo(0.922);
        });
        assertThat(driver.warningsFor(wrangler)).singleElement()
                .satisfies(w -> assertThat(w.issuedAt()).isEqualTo(T0.plus(Duration.ofMinutes(50))));
        assertThat(driver.commandsFor(KG_APP)).isEmpty();
    }

    @Test
    void shouldNeverShutDownAppExemptByPolicy() {
        // given alice's profile exempt by an owner-scope policy
        driver.sendPolicy(policy(PolicyScope.owner("d-1", "alice"), null, null, true, T0));

        // when her idle kernel app is polled for five hours
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then nothing is warned or stopped
        assertThat(driver.commands).isEmpty();
        assertThat(driver.warnings).isEmpty();
    }

    @Test
    void shouldNeverLendOneOwnersExemptionOrItsAbsenceToAnother() {
        // given alice's profile exempt by an owner-scope policy, and bob's identical app (same domain, type, image)
        // polled before hers every minute, so that his policy is the one resolved first
        driver.sendPolicy(policy(PolicyScope.owner("d-1", "alice"), null, null, true, T0));
        AppKey bobsApp = AppKey.studio("d-1", "bob", AppType.KernelGateway, KG_APP.appName());

        // when both idle kernel apps are polled for five hours
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE, () -> {
            pollKernelApp(bobsApp, "k1", ExecutionState.IDLE, T0);
            pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);
        });

        // then bob's app is stopped under the global limit, and alice's is never warned or stopped
        assertThat(driver.commandsFor(bobsApp)).singleElement()
                .satisfies(c -> assertThat(c.decidedAt()).isEqualTo(T0.plus(LIMIT)));
        assertThat(driver.commandsFor(KG_APP)).isEmpty();
        assertThat(driver.warningsFor(KG_APP)).isEmpty();
    }

    @Test
    void shouldNeverShutDownAppExemptByTag() {
        // given an app tagged sundown:exempt=true
        Runnable poll = () -> {
            driver.send(kernel(KG_APP, "k1", ExecutionState.IDLE, T0, driver.now()));
            driver.send(app(KG_APP, List.of("k1"), List.of(), Map.of("sundown:exempt", "true"), null,
                    "ml.g4dn.xlarge", driver.now()));
        };

        // when its idle kernel is polled for five hours
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE, poll);

        // then nothing is warned or stopped
        assertThat(driver.commands).isEmpty();
        assertThat(driver.warnings).isEmpty();
    }

    @Test
    void shouldApplyIdleLimitTag() {
        // given an app tagged with a 30 minute limit
        Runnable poll = () -> {
            driver.send(kernel(KG_APP, "k1", ExecutionState.IDLE, T0, driver.now()));
            driver.send(app(KG_APP, List.of("k1"), List.of(), Map.of("sundown:idle-limit-minutes", "30"), null,
                    "ml.t3.medium", driver.now()));
        };

        // when 31 minutes pass
        driver.runUntil(T0.plus(Duration.ofMinutes(31)), MINUTE, poll);

        // then it is stopped after 30 minutes, not 120
        assertThat(driver.commandsFor(KG_APP)).singleElement()
                .satisfies(c -> assertThat(c.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30))));
    }

    @Test
    void shouldNeverDeleteJupyterServerApps() {
        // given a static Jupyter target and a Studio JupyterServer app, both empty for five hours
        AppKey target = AppKey.jupyter("lab-vm");
        AppKey studioServer = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE, () -> {
            driver.send(app(target, List.of(), List.of(), driver.now()));
            driver.send(app(studioServer, List.of(), List.of(), driver.now()));
        });

        // then neither app is ever deleted
        assertThat(driver.commands).isEmpty();
    }

    @Test
    void shouldStopIdleKernelsOfJupyterTargetOneByOne() {
        // given a static target with one idle and one busy kernel
        AppKey target = AppKey.jupyter("lab-vm");
        Runnable poll = () -> {
            driver.send(kernel(target, "idle-k", ExecutionState.IDLE, T0, driver.now()));
            driver.send(kernel(target, "busy-k", ExecutionState.BUSY, T0, driver.now()));
            driver.send(app(target, List.of("idle-k", "busy-k"), List.of(), driver.now()));
        };

        // when the idle kernel's limit passes
        driver.runUntil(T0.plus(Duration.ofMinutes(125)), MINUTE, poll);

        // then only that kernel is stopped, never the server
        assertThat(driver.commandsFor(target)).singleElement().satisfies(c -> {
            assertThat(c.resource()).isEqualTo(new ResourceRef(ResourceKind.KERNEL, "idle-k"));
            assertThat(c.ownerKind()).isEqualTo(OwnerKind.JUPYTER_TARGET);
        });
    }

    @Test
    void shouldStopIdleKernelIndividuallyInsideAppStillInUse() {
        // given a KernelGateway app shared by an idle notebook kernel and a busy one
        Runnable poll = () -> {
            driver.send(kernel(KG_APP, "idle-k", ExecutionState.IDLE, T0, driver.now()));
            driver.send(kernel(KG_APP, "busy-k", ExecutionState.BUSY, T0, driver.now()));
            driver.send(app(KG_APP, List.of("idle-k", "busy-k"), List.of(), driver.now()));
        };

        // when the idle kernel's limit passes
        driver.runUntil(T0.plus(Duration.ofMinutes(125)), MINUTE, poll);

        // then the idle kernel is stopped alone, the app stays
        assertThat(driver.commandsFor(KG_APP)).singleElement().satisfies(c -> {
            assertThat(c.resource()).isEqualTo(new ResourceRef(ResourceKind.KERNEL, "idle-k"));
            assertThat(c.reason()).contains("still in use");
        });
    }

    @Test
    void shouldTreatKernelStuckStartingAsGhost() {
        // given an app whose only kernel has been "starting" since T0
        driver.runUntil(T0.plus(Duration.ofMinutes(125)), MINUTE,
                () -> pollKernelApp(KG_APP, "ghost", ExecutionState.STARTING, T0));

        // then the ghost does not keep the app alive, and is never stopped on its own
        assertThat(driver.commandsFor(KG_APP)).singleElement()
                .satisfies(c -> assertThat(c.resource()).isEqualTo(KG_APP_REF));
    }

    @Test
    void shouldNotShutDownOnSageMakerActivityTimestampAlone() {
        // given a KernelGateway app only ever seen by the SageMaker control plane, old activity timestamp
        driver.runUntil(T0.plus(Duration.ofHours(5)), MINUTE, () -> driver.send(new AppObserved(KG_APP,
                "sagemaker/d-1", OwnerKind.USER_PROFILE, "InService", "ml.t3.medium", null, T0.minusSeconds(3600),
                null, T0.minusSeconds(3600), null, null, Map.of(), driver.now())));

        // then nothing is stopped
        assertThat(driver.commands).isEmpty();
    }

    @Test
    void shouldFreezeClocksOfStaleSourceAndReportCoverageOnce() {
        // given an idle kernel polled until T0+30m, then its source goes silent
        driver.runUntil(T0.plus(Duration.ofMinutes(30)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // when two hours pass without observations
        driver.runUntil(T0.plus(Duration.ofMinutes(150)), MINUTE);

        // then no warning or command, and exactly one coverage-lost finding keyed by domain/owner
        assertThat(driver.commands).isEmpty();
        assertThat(driver.warnings).isEmpty();
        assertThat(driver.findings).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("d-1/alice");
            assertThat(f.data().kind()).isEqualTo(FindingKind.COVERAGE_LOST);
            assertThat(f.data().covered()).isFalse();
            assertThat(f.at()).isEqualTo(T0.plus(Duration.ofMinutes(34)));
        });

        // when the source comes back with the kernel still idle since T0
        Instant back = driver.now();
        driver.runUntil(T0.plus(Duration.ofMinutes(200)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then coverage is restored and there is no instant shutdown
        assertThat(driver.findings).extracting(f -> f.data().kind())
                .containsExactly(FindingKind.COVERAGE_LOST, FindingKind.COVERAGE_RESTORED);
        assertThat(driver.commands).isEmpty();

        // when the limit passes again, counted from the return
        driver.runUntil(back.plus(LIMIT).plus(MINUTE), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then the app is stopped once
        assertThat(driver.commandsFor(KG_APP)).singleElement().satisfies(c -> assertThat(c.idleSince())
                .isBetween(back, back.plus(MINUTE)));
    }

    @Test
    void shouldDetectStaleSourceWithinOneSecondOfItsDeadlineAfterManyObservationsMovedIt() {
        // given an idle kernel polled every 20 s for an hour: each poll moves the staleness deadline later
        driver.runUntil(T0.plus(Duration.ofMinutes(60)), Duration.ofSeconds(20),
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));
        Instant lastSeen = driver.now();

        // when its source goes silent and time passes in punctuation-sized steps
        driver.runUntil(lastSeen.plus(Duration.ofMinutes(5)), Duration.ofSeconds(1));

        // then coverage loss is reported within one second of the staleness deadline (3 min after the last poll)
        Instant staleAt = lastSeen.plus(Duration.ofMinutes(3));
        assertThat(driver.findings).singleElement().satisfies(f -> {
            assertThat(f.data().kind()).isEqualTo(FindingKind.COVERAGE_LOST);
            assertThat(f.at()).isAfter(staleAt).isBeforeOrEqualTo(staleAt.plusSeconds(1));
        });
        assertThat(driver.commands).isEmpty();
    }

    @Test
    void shouldCommandWithinOneSecondOfDeadlineWhenObservationsKeptMovingTheNextCheck() {
        // given an idle kernel with a one-minute limit, polled every 10 s (every poll moves its staleness check)
        driver.sendPolicy(policy(PolicyScope.GLOBAL, MINUTE, Duration.ZERO, null, driver.now()));
        Instant deadline = driver.now().plus(Duration.ofMinutes(1));
        Instant idleSince = driver.now();

        // when polls go on past the deadline, with time moving in one-second steps
        driver.runUntil(deadline.plusSeconds(30), Duration.ofSeconds(1), () -> {
            if (driver.now().getEpochSecond() % 10 == 0) {
                pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, idleSince);
            }
        });

        // then the app is stopped once, no later than one second after its deadline
        assertThat(driver.commands).singleElement().satisfies(c ->
                assertThat(c.at()).isBetween(deadline, deadline.plusSeconds(1)));
    }

    @Test
    void shouldFreezeClocksWhenSourceReportedUnobserved() {
        // given an idle kernel app observed at T0
        pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0.minus(Duration.ofMinutes(100)));

        // when the collector reports its source unreadable, every minute for three hours
        driver.runUntil(T0.plus(Duration.ofHours(3)), MINUTE,
                () -> driver.send(unobserved(KG_APP, "HTTP 502", T0, driver.now())));

        // then one coverage-lost finding with the reason, and no shutdown
        assertThat(driver.findings).singleElement().satisfies(f -> {
            assertThat(f.data().kind()).isEqualTo(FindingKind.COVERAGE_LOST);
            assertThat(f.data().reasons()).anySatisfy(r -> assertThat(r).contains("HTTP 502"));
        });
        assertThat(driver.commands).isEmpty();
        assertThat(driver.warnings).isEmpty();
    }

    @Test
    void shouldIssueAtMostOneCommandPerIdlePeriodEvenWhenEventsAreReplayed() {
        // given an idle app stopped at its deadline
        driver.runUntil(T0.plus(Duration.ofMinutes(121)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));
        assertThat(driver.commands).hasSize(1);

        // when the same observations are replayed and time goes on
        for (int i = 0; i < 3; i++) {
            pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);
        }
        driver.runUntil(T0.plus(Duration.ofMinutes(200)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then there is still exactly one command and one warning
        assertThat(driver.commands).hasSize(1);
        assertThat(driver.warnings).hasSize(1);
    }

    @Test
    void shouldStartNewIdlePeriodAfterActivity() {
        // given an app stopped once (the executor has not acted yet)
        driver.runUntil(T0.plus(Duration.ofMinutes(121)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // when the user runs a cell at T0+130m and leaves it idle again
        Instant ran = T0.plus(Duration.ofMinutes(130));
        driver.runUntil(ran, MINUTE, () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));
        driver.runUntil(ran.plus(LIMIT).plus(MINUTE), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, ran));

        // then a second command, with a different id, for the new idle period
        assertThat(driver.commandsFor(KG_APP)).hasSize(2).extracting(ShutdownCommand::commandId).doesNotHaveDuplicates();
        assertThat(driver.commandsFor(KG_APP).get(1).idleSince()).isEqualTo(ran);
    }

    @Test
    void shouldDeadLetterMalformedRecordsAndKeepProcessing() {
        // given a non-JSON record, an event of the wrong type and a record whose key is not its app key
        driver.sendRaw(Topics.KERNEL_ACTIVITY.name(), KG_APP.toString(), "not json{".getBytes(StandardCharsets.UTF_8));
        driver.sendRaw(Topics.TERMINAL_ACTIVITY.name(), KG_APP.toString(), dev.sundown.events.EventCodec.standard()
                .encode(dev.sundown.events.CloudEvent.of(URI_TEST, T0, kernel(KG_APP, "k", ExecutionState.IDLE, T0, T0))));
        driver.sendRaw(Topics.KERNEL_ACTIVITY.name(), "d-1/bob/KernelGateway/other", dev.sundown.events.EventCodec
                .standard().encode(dev.sundown.events.CloudEvent.of(URI_TEST, T0,
                        kernel(KG_APP, "k", ExecutionState.IDLE, T0, T0))));

        // when valid activity follows
        driver.runUntil(T0.plus(Duration.ofMinutes(121)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then each bad record is a dead letter with its reason, and the app is still decided on
        assertThat(driver.deadLetters).extracting(w -> w.data().problem())
                .containsExactly("NOT_JSON", "TYPE_NOT_ALLOWED_ON_TOPIC", "KEY_MISMATCH");
        assertThat(driver.deadLetters).allSatisfy(w -> {
            DeadLetter d = w.data();
            assertThat(d.service()).isEqualTo("idle-evaluator");
            assertThat(d.reason()).isNotBlank();
            assertThat(d.payload()).isNotBlank();
        });
        assertThat(driver.deadLetters.get(0).data().sourceTopic()).isEqualTo(Topics.KERNEL_ACTIVITY.name());
        assertThat(driver.commands).hasSize(1);
    }

    @Test
    void shouldApplyPolicyChangeToTrackedApps() {
        // given an idle app under the default 120 min limit
        driver.runUntil(T0.plus(Duration.ofMinutes(10)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // when the global policy becomes 30 minutes with a 5 minute warning
        driver.sendPolicy(policy(PolicyScope.GLOBAL, Duration.ofMinutes(30), Duration.ofMinutes(5), null, driver.now()));
        driver.runUntil(T0.plus(Duration.ofMinutes(31)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then the app is warned at 25 and stopped at 30 minutes
        assertThat(driver.warningsFor(KG_APP)).singleElement()
                .satisfies(w -> assertThat(w.issuedAt()).isEqualTo(T0.plus(Duration.ofMinutes(25))));
        assertThat(driver.commandsFor(KG_APP)).singleElement().satisfies(c -> {
            assertThat(c.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(c.policy().scopes()).containsExactly("config", "global");
        });
    }

    @Test
    void shouldFallBackToDefaultsWhenPolicyDeleted() {
        // given a 30 minute global policy, then deleted at T0+10m
        driver.sendPolicy(policy(PolicyScope.GLOBAL, Duration.ofMinutes(30), Duration.ofMinutes(5), null, T0));
        pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);
        driver.runUntil(T0.plus(Duration.ofMinutes(10)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));
        driver.deletePolicy("global");

        // when 40 minutes have passed
        driver.runUntil(T0.plus(Duration.ofMinutes(40)), MINUTE,
                () -> pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0));

        // then the default 120 minutes are in force again: nothing stopped yet
        assertThat(driver.commands).isEmpty();
    }

    @Test
    void shouldForgetDeletedApp() {
        // given a tracked app
        pollKernelApp(KG_APP, "k1", ExecutionState.IDLE, T0);
        assertThat(driver.appStore().get(KG_APP.toString())).isNotNull();

        // when SageMaker reports it deleted
        driver.send(new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "Deleted", null, null, null,
                null, null, null, null, Map.of(), driver.now()));

        // then its state is gone, and nothing fires later
        assertThat(driver.appStore().get(KG_APP.toString())).isNull();
        driver.runUntil(T0.plus(Duration.ofHours(4)), Duration.ofMinutes(10));
        assertThat(driver.commands).isEmpty();
        assertThat(driver.findings).isEmpty();
    }

    private static final java.net.URI URI_TEST = java.net.URI.create("/test");
}
