package dev.sundown.evaluator.domain;

import static dev.sundown.evaluator.support.Events.KG_APP;
import static dev.sundown.evaluator.support.Events.app;
import static dev.sundown.evaluator.support.Events.kernel;
import static dev.sundown.evaluator.support.Events.terminal;
import static dev.sundown.evaluator.support.Events.unobserved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.evaluator.support.EvaluatorDriver;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.FindingKind;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(120);
    private final IdleRules rules = new IdleRules(Duration.ofMinutes(3), Duration.ofDays(1),
            new PriceTable(PriceTable.DEFAULTS));
    private final EffectivePolicy policy = EvaluatorDriver.DEFAULTS;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** An app polled at {@code observedAt} with one kernel. */
    private AppState withKernel(AppState s, ExecutionState state, Instant lastActivity, Instant observedAt) {
        s = rules.onKernel(s, kernel(KG_APP, "k1", state, lastActivity, observedAt));
        return rules.onApp(s, app(KG_APP, List.of("k1"), List.of(), observedAt));
    }

    @Test
    void shouldLeaveTheStateItDerivesFromUnchanged() {
        // given an app with one idle kernel and one terminal, quiet since T0, its state kept as a snapshot
        AppState before = rules.onTerminal(withKernel(null, ExecutionState.IDLE, T0, at(104)),
                terminal(KG_APP, "1", T0, at(104)));
        before = rules.onApp(before, app(KG_APP, List.of("k1"), List.of("1"), at(104)));
        AppState snapshot = new AppState(before.appKey(), before.ownerKind(), before.status(), before.instanceType(),
                before.image(), Map.copyOf(before.tags()), before.creationTime(), before.lastUserActivity(),
                before.inventoryKnown(), before.inventoryObservedAt(), Map.copyOf(before.kernels()),
                Map.copyOf(before.terminals()), before.kernelActivity(), before.terminalActivity(),
                before.emptySince(), before.clockFloor(), Map.copyOf(before.sources()),
                Map.copyOf(before.unobserved()), before.coverageLostAt(), Map.copyOf(before.issued()),
                before.indexedAt());

        // when states are derived from it: a new kernel and the old one gone, an unreadable source, a warning, a command
        AppState derived = rules.onKernel(before, kernel(KG_APP, "k2", ExecutionState.BUSY, at(105), at(105)));
        derived = rules.onApp(derived, app(KG_APP, List.of("k2"), List.of(), at(105)));
        AppState unreadable = rules.onUnobserved(before, unobserved(KG_APP, "HTTP 502", at(104), at(105)));
        Decision warned = rules.decide(before, policy, at(106));
        Decision commanded = rules.decide(withKernel(warned.state(), ExecutionState.IDLE, T0, at(121)), policy,
                at(121));

        // then the derived states carry the changes and the state they came from still reads as it did
        assertThat(derived.kernels()).containsOnlyKeys("k2");
        assertThat(unreadable.unobserved()).hasSize(1);
        assertThat(warned.warnings()).hasSize(1);
        assertThat(warned.state().issued()).hasSize(1);
        assertThat(commanded.commands()).isNotEmpty();
        assertThat(before).isEqualTo(snapshot);
        assertThat(before.kernels()).containsOnlyKeys("k1");
        assertThat(before.terminals()).containsOnlyKeys("1");
        assertThat(before.issued()).isEmpty();
        assertThat(before.unobserved()).isEmpty();
    }

    @Test
    void shouldNeverCommandBusyKernel() {
        // given a kernel observed busy, its last activity long ago
        AppState s = withKernel(null, ExecutionState.BUSY, T0.minus(Duration.ofDays(1)), at(300));

        // when decided at the observation
        Decision d = rules.decide(s, policy, at(300));

        // then nothing, and the explanation names the busy kernel
        assertThat(d.commands()).isEmpty();
        assertThat(d.warnings()).isEmpty();
        assertThat(d.assessment().reasons()).anySatisfy(r -> assertThat(r).contains("k1 is busy"));
    }

    @Test
    void shouldWarnAheadOfDeadlineThenCommandAtDeadline() {
        // given an idle kernel since T0
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(104));

        // when decided before, at the warning point, and at the deadline
        Decision before = rules.decide(s, policy, at(104));
        Decision warned = rules.decide(rules.onKernel(before.state(), kernel(KG_APP, "k1", ExecutionState.IDLE, T0,
                at(105))), policy, at(105));
        Decision commanded = rules.decide(withKernel(warned.state(), ExecutionState.IDLE, T0, at(120)), policy, at(120));

        // then nothing yet, one warning whose next due is the deadline, then one command
        assertThat(before.warnings()).isEmpty();
        assertThat(before.nextDue()).isEqualTo(at(105));
        assertThat(warned.warnings()).singleElement().satisfies(w -> assertThat(w.deadline()).isEqualTo(at(120)));
        assertThat(warned.assessment().nextCommandAt()).isEqualTo(at(120));
        assertThat(commanded.commands()).singleElement().satisfies(c -> {
            assertThat(c.resource().kind()).isEqualTo(ResourceKind.APP);
            assertThat(c.idleSince()).isEqualTo(T0);
            assertThat(c.commandId()).isEqualTo(DecisionIds.commandId(KG_APP.toString(), "app:" + KG_APP.appName(), T0));
        });
    }

    @Test
    void shouldGiveFullWarningPeriodWhenFirstSeenPastDeadline() {
        // given a kernel idle for five hours when first seen
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(300));

        // when decided now
        Decision d = rules.decide(s, policy, at(300));

        // then it is warned now and stopped only after the warning period
        assertThat(d.warnings()).hasSize(1);
        assertThat(d.commands()).isEmpty();
        assertThat(d.assessment().nextCommandAt()).isEqualTo(at(315));
        assertThat(rules.decide(withKernel(d.state(), ExecutionState.IDLE, T0, at(314)), policy, at(314)).commands())
                .isEmpty();
        assertThat(rules.decide(withKernel(d.state(), ExecutionState.IDLE, T0, at(315)), policy, at(315)).commands())
                .hasSize(1);
    }

    @Test
    void shouldIssueOneCommandPerIdlePeriod() {
        // given a command already issued for the idle period since T0
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(119));
        s = rules.decide(rules.decide(s, policy, at(105)).state(), policy, at(120)).state();

        // when the same observation is replayed and decided again later
        AppState replayed = withKernel(s, ExecutionState.IDLE, T0, at(200));
        Decision again = rules.decide(replayed, policy, at(200));

        // then no second command
        assertThat(again.commands()).isEmpty();
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void shouldNotBlockAppWithGhostKernelNorStopGhostAlone() {
        // given a kernel stuck starting since T0, the app otherwise unused
        AppState s = withKernel(null, ExecutionState.STARTING, T0, at(125));

        // when decided past the limit
        Decision d = rules.decide(rules.decide(s, policy, at(110)).state(), policy, at(125));

        // then the app is stopped, the ghost never on its own
        assertThat(d.commands()).singleElement().satisfies(c -> assertThat(c.resource().kind())
                .isEqualTo(ResourceKind.APP));
        assertThat(d.assessment().reasons()).anySatisfy(r -> assertThat(r).contains("ghost"));
    }

    @Test
    void shouldKeepAppAliveWithRecentTerminalWhenTerminalsKeepAlive() {
        // given an app with an idle kernel and a terminal used 10 minutes ago
        AppKey lab = AppKey.studio("d-1", "space-1", AppType.JupyterLab, "default");
        AppState s = rules.onKernel(null, kernel(lab, "k1", ExecutionState.IDLE, T0, at(200)));
        s = rules.onTerminal(s, terminal(lab, "1", at(190), at(200)));
        s = rules.onApp(s, app(lab, List.of("k1"), List.of("1"), at(200)));
        EffectivePolicy noKernelStops = new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null,
                true, true, false, false);

        // when decided now
        Decision d = rules.decide(s, noKernelStops, at(200));

        // then the app's deadline counts from the terminal
        assertThat(d.commands()).isEmpty();
        assertThat(d.assessment().nextCommandAt()).isEqualTo(at(310));

        // and with terminals not keeping apps alive, it is stopped now
        EffectivePolicy ignoreTerminals = new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null,
                false, true, false, false);
        assertThat(rules.decide(s, ignoreTerminals, at(200)).commands()).hasSize(1);
    }

    @Test
    void shouldRespectConnectionsWhenConfigured() {
        // given an idle kernel with an open connection
        AppState s = rules.onKernel(null, new dev.sundown.events.KernelObserved(KG_APP, "studio/d-1/alice", "k1",
                "python3", ExecutionState.IDLE, 1, T0, null, at(200)));
        s = rules.onApp(s, app(KG_APP, List.of("k1"), List.of(), at(200)));
        EffectivePolicy respect = new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null, true,
                false, true, false);

        // then a connected kernel keeps the app when connections are respected, not when ignored
        assertThat(rules.decide(s, respect, at(200)).commands()).isEmpty();
        assertThat(rules.decide(s, new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null, true,
                true, true, false), at(200)).commands()).hasSize(1);
    }

    @Test
    void shouldRemoveChildMissingFromInventoryAndCountEmptyFromThen() {
        // given a busy kernel, then an inventory without it
        AppState s = withKernel(null, ExecutionState.BUSY, T0, at(10));
        s = rules.onApp(s, app(KG_APP, List.of(), List.of(), at(11)));

        // then the kernel is gone and the app idles from when it became empty
        assertThat(s.kernels()).isEmpty();
        assertThat(s.emptySince()).isEqualTo(at(11));
        Decision d = rules.decide(s, policy, at(11));
        assertThat(d.assessment().nextCommandAt()).isEqualTo(at(11).plus(LIMIT));
        assertThat(d.assessment().stops()).singleElement().satisfies(stop -> {
            assertThat(stop.next()).isEqualTo("warn");
            assertThat(stop.nextAt()).isEqualTo(at(11).plus(LIMIT).minus(policy.warnBefore()));
        });
    }

    @Test
    void shouldIgnoreLateReportOfRemovedKernel() {
        // given an inventory at T0+20 without k1
        AppState s = rules.onApp(null, app(KG_APP, List.of(), List.of(), at(20)));

        // when a report of k1 made at T0+19 arrives late
        s = rules.onKernel(s, kernel(KG_APP, "k1", ExecutionState.BUSY, T0, at(19)));

        // then k1 is not tracked
        assertThat(s.kernels()).isEmpty();
    }

    @Test
    void shouldNeverTriggerOnSageMakerActivityAlone() {
        // given a KernelGateway app seen only by SageMaker, with an old activity timestamp
        AppState s = rules.onApp(null, new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "InService",
                "ml.g4dn.xlarge", null, T0, null, T0, null, null, Map.of(), at(500)));

        // then nothing, with the reason
        Decision d = rules.decide(s, policy, at(500));
        assertThat(d.commands()).isEmpty();
        assertThat(d.warnings()).isEmpty();
        assertThat(d.assessment().reasons()).anySatisfy(r -> assertThat(r).contains("never read from Jupyter"));
    }

    @Test
    void shouldNeverDeleteJupyterServerApp() {
        // given an empty JupyterServer app for five hours
        AppKey server = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");
        AppState s = rules.onApp(null, app(server, List.of(), List.of(), T0));
        s = rules.onApp(s, app(server, List.of(), List.of(), at(300)));

        // then it is never deleted
        assertThat(rules.decide(s, policy, at(300)).commands()).isEmpty();
    }

    @Test
    void shouldFreezeStaleSourceReportOnceAndRestartClockOnReturn() {
        // given an idle kernel last observed at T0+10
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(10));

        // when decided at T0+14 (past the 3 min window), and again at T0+200
        Decision lost = rules.decide(s, policy, at(14));
        Decision stillLost = rules.decide(lost.state(), policy, at(200));

        // then one coverage-lost finding, no command
        assertThat(lost.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.COVERAGE_LOST);
            assertThat(f.domainId()).isEqualTo("d-1");
            assertThat(f.owner()).isEqualTo("alice");
            assertThat(f.lastObservedAt()).isEqualTo(at(10));
        });
        assertThat(stillLost.findings()).isEmpty();
        assertThat(stillLost.commands()).isEmpty();
        assertThat(stillLost.warnings()).isEmpty();

        // when observed again at T0+201, still idle since T0
        Decision back = rules.decide(withKernel(stillLost.state(), ExecutionState.IDLE, T0, at(201)), policy, at(201));

        // then coverage restored, nothing stopped now; the clock counts from the return
        assertThat(back.findings()).singleElement().satisfies(f -> assertThat(f.kind())
                .isEqualTo(FindingKind.COVERAGE_RESTORED));
        assertThat(back.commands()).isEmpty();
        assertThat(back.warnings()).isEmpty();
        assertThat(back.assessment().nextCommandAt()).isEqualTo(at(201).plus(LIMIT));
    }

    @Test
    void shouldGiveEveryCoverageChangeOfOneSourceItsOwnIds() {
        // given an idle kernel that goes stale, returns, and goes stale again
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(10));
        Decision lost = rules.decide(s, policy, at(14));
        Decision back = rules.decide(withKernel(lost.state(), ExecutionState.IDLE, T0, at(20)), policy, at(20));
        Decision lostAgain = rules.decide(back.state(), policy, at(24));

        // then each change is its own finding in its own group, so none can pass for an earlier one downstream
        List<ComplianceFinding> changes = List.of(lost.findings().get(0), back.findings().get(0),
                lostAgain.findings().get(0));
        assertThat(changes).extracting(ComplianceFinding::kind).containsExactly(FindingKind.COVERAGE_LOST,
                FindingKind.COVERAGE_RESTORED, FindingKind.COVERAGE_LOST);
        assertThat(changes).extracting(ComplianceFinding::findingId).doesNotHaveDuplicates();
        assertThat(changes).extracting(ComplianceFinding::scanId).doesNotHaveDuplicates();

        // and deciding the same input again gives the same ids, so a replay is recognised
        assertThat(rules.decide(s, policy, at(14)).findings().get(0)).isEqualTo(lost.findings().get(0));
    }

    @Test
    void shouldNotJudgeASourceStaleBeforeARestartedEvaluatorCouldCatchUp() {
        // given an idle kernel last observed at T0+10 (as restored from the changelog), and an evaluator that
        // started owning the app at T0+13 while observations that arrived during its downtime wait to be read
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(10));
        Instant startedAt = at(13);

        // when decided at T0+14, past the window counted from the last observation but not from the start
        Decision justStarted = rules.decide(s, policy, at(14), startedAt);

        // then no coverage alert and nothing frozen: the clock is the one from before the restart
        assertThat(justStarted.findings()).isEmpty();
        assertThat(justStarted.assessment().stale()).isFalse();

        // when the source really stays silent for a whole window after the start
        Decision silent = rules.decide(justStarted.state(), policy, at(17), startedAt);

        // then it is reported stale after all
        assertThat(silent.findings()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.COVERAGE_LOST));
        assertThat(silent.commands()).isEmpty();
    }

    @Test
    void shouldFreezeOnSourceUnobserved() {
        // given an idle app, then its source reported unreadable
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(200));
        s = rules.onUnobserved(s, unobserved(KG_APP, "timeout after 5s", at(200), at(201)));

        // then a coverage-lost finding immediately, and no shutdown
        Decision d = rules.decide(s, policy, at(201));
        assertThat(d.findings()).singleElement().satisfies(f -> assertThat(f.reasons().get(0)).contains("timeout"));
        assertThat(d.commands()).isEmpty();
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void shouldNotShutDownExemptApp() {
        // given an idle app under an exempt policy
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(300));
        EffectivePolicy exempt = new EffectivePolicy(List.of("config", "domain/d-1"), LIMIT, Duration.ZERO, true,
                "policy domain/d-1", true, true, true, false);

        // then nothing, and the reason names the scope
        Decision d = rules.decide(s, exempt, at(300));
        assertThat(d.commands()).isEmpty();
        assertThat(d.assessment().reasons()).containsExactly("exempt by policy domain/d-1");
    }

    @Test
    void shouldPriceAppCommandByInstanceTypeAndKernelCommandAtZero() {
        // given a g4dn app with an idle kernel and a busy one
        AppState s = rules.onKernel(null, kernel(KG_APP, "busy", ExecutionState.BUSY, T0, at(300)));
        s = rules.onKernel(s, kernel(KG_APP, "idle", ExecutionState.IDLE, T0, at(300)));
        s = rules.onApp(s, app(KG_APP, List.of("busy", "idle"), List.of(), Map.of(), null, "ml.g4dn.xlarge", at(300)));
        EffectivePolicy noWarn = new EffectivePolicy(List.of("config"), LIMIT, Duration.ZERO, false, null, true,
                true, true, false);

        // then the idle kernel alone is stopped, at no saving
        Decision first = rules.decide(s, noWarn, at(300));
        assertThat(first.commands()).singleElement().satisfies(c -> {
            assertThat(c.resource().kind()).isEqualTo(ResourceKind.KERNEL);
            assertThat(c.estimatedHourlyCost()).isZero();
        });

        // and when the busy one goes idle at T0+300, the app later goes at its instance price
        AppState quiet = rules.onKernel(first.state(), kernel(KG_APP, "busy", ExecutionState.IDLE, at(300), at(419)));
        quiet = rules.onKernel(quiet, kernel(KG_APP, "idle", ExecutionState.IDLE, T0, at(419)));
        assertThat(rules.decide(quiet, noWarn, at(420)).commands()).singleElement()
                .satisfies(c -> assertThat(c.estimatedHourlyCost()).isEqualTo(0.736));
    }

    @Test
    void shouldForgetAppDeletedInSageMaker() {
        AppState s = withKernel(null, ExecutionState.IDLE, T0, at(1));
        assertThat(rules.onApp(s, new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "Deleting", null,
                null, null, null, null, null, null, Map.of(), at(2)))).isNull();
    }

    @Test
    void shouldKeepTheRunningInstanceWhenAnEarlierInstanceOfItsNameIsReportedDeleted() {
        // given an app created again at T0+100 under the name of one deleted before, observed with an idle kernel
        Instant recreated = at(100);
        AppState s = rules.onApp(null, new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "InService",
                "ml.t3.medium", null, recreated, null, null, null, null, Map.of(), at(101)));
        s = withKernel(s, ExecutionState.IDLE, at(101), at(102));

        // when a report that the earlier instance (created at T0) is Deleted arrives
        AppState after = rules.onApp(s, new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "Deleted",
                null, null, T0, null, null, null, null, Map.of(), at(103)));

        // then the running instance keeps its state
        assertThat(after).isEqualTo(s);

        // while its own deletion is still honoured
        assertThat(rules.onApp(s, new AppObserved(KG_APP, "sagemaker/d-1", OwnerKind.USER_PROFILE, "Deleted", null,
                null, recreated, null, null, null, null, Map.of(), at(104)))).isNull();
    }
}
