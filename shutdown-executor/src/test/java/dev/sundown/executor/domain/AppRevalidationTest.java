package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.Commands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-validating DeleteApp of a Studio app against the kernels and terminals that run on it. */
class AppRevalidationTest {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    /** As Jupyter reports it, with microseconds. */
    private static final Instant LAST = Instant.parse("2026-01-05T10:00:00.123456Z");
    private static final Instant NOW = LAST.plus(LIMIT).plusSeconds(30);
    private final ShutdownCommand command = Commands.command(
            AppKey.studio("d-1", "alice", AppType.KernelGateway, "kg-1"), OwnerKind.USER_PROFILE, ResourceKind.APP,
            "kg-1", LAST, false, LIMIT);

    @Test
    void shouldDeleteAnAppWhoseKernelsAndTerminalsStayedQuiet() {
        Verdict verdict = decide(read(Observation.Child.kernel("k1", "idle", LAST),
                Observation.Child.kernel("k2", "idle", LAST.minusSeconds(600)),
                Observation.Child.terminal("img__1__ml.t3.medium", LAST.minusSeconds(60))));

        assertThat(verdict).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldDeleteAnEmptyApp() {
        assertThat(decide(read())).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldKeepAnAppWhoseTerminalWasTypedIntoAfterTheDecision() {
        Verdict verdict = decide(read(Observation.Child.kernel("k1", "idle", LAST),
                Observation.Child.terminal("img__1__ml.t3.medium", LAST.plusSeconds(20))));

        assertThat(verdict).isEqualTo(Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE,
                "terminal img__1__ml.t3.medium on the app was active at 2026-01-05T10:00:20.123456Z, after the "
                        + "decision's last activity 2026-01-05T10:00:00.123456Z"));
    }

    @Test
    void shouldKeepAnAppWhoseKernelWasActiveOneMicrosecondAfterTheDecision() {
        Verdict verdict = decide(read(Observation.Child.kernel("k1", "idle", LAST.plusNanos(1_000))));

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldTreatActivityAtExactlyTheDecisionsLastActivityAsSeen() {
        assertThat(decide(read(Observation.Child.kernel("k1", "idle", LAST)))).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldKeepAnAppWithABusyOrRestartingKernelWhateverItsLastActivity() {
        for (String state : List.of("busy", "restarting", "autorestarting", "BUSY", "something-new")) {
            Verdict verdict = decide(read(Observation.Child.kernel("k1", state, LAST.minusSeconds(3600))));

            assertThat(outcome(verdict)).as(state).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
            assertThat(((Verdict.Conclude) verdict).detail()).startsWith("kernel k1 on the app is ");
        }
        assertThat(outcome(decide(read(Observation.Child.kernel("k1", null, LAST)))))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldKeepAnAppWithAKernelStartedSinceTheDecision() {
        Verdict verdict = decide(read(Observation.Child.kernel("new", "starting", NOW.minusSeconds(2))));

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldNotLetAKernelStuckStartingLongBeforeTheDecisionKeepTheApp() {
        assertThat(decide(read(Observation.Child.kernel("ghost", "starting", LAST.minusSeconds(7200)))))
                .isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldKeepAnAppWhoseChildReportsNoActivity() {
        assertThat(outcome(decide(read(Observation.Child.terminal("t", null)))))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldKeepAnAppWhoseDecisionIsStillWithinTheIdleLimit() {
        Verdict verdict = Revalidation.decide(command, app(null, read()), LAST.plus(LIMIT).minusMillis(1));

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldDeleteAKernelGatewayAppWhoseServerIsStoppedOnlyWithoutNewerSageMakerActivity() {
        Observation.Children stopped = new Observation.Children.ServerStopped("Deleted");

        assertThat(decide(app(LAST.minusSeconds(60), stopped))).isInstanceOf(Verdict.Proceed.class);
        assertThat(decide(app(LAST, stopped))).isInstanceOf(Verdict.Proceed.class);
        assertThat(decide(app(LAST.plusNanos(1_000), stopped))).isEqualTo(Verdict.conclude(
                Outcome.SKIPPED_BECAME_ACTIVE, "the JupyterServer app is Deleted; SageMaker reports user activity at "
                        + "2026-01-05T10:00:00.123457Z, after the decision's last activity 2026-01-05T10:00:00.123456Z"));
        assertThat(outcome(decide(app(null, stopped)))).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldKeepAKernelGatewayAppWhileItsServerIsStarting() {
        Verdict verdict = decide(app(LAST.minusSeconds(60), new Observation.Children.ServerStopped("Pending")));

        assertThat(verdict).isEqualTo(Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE,
                "the JupyterServer app is starting"));
    }

    @Test
    void shouldJudgeAnAppWithoutJupyterOnSageMakersActivityAlone() {
        Observation.Children none = new Observation.Children.NoJupyter();

        assertThat(decide(app(LAST.minusSeconds(1), none))).isInstanceOf(Verdict.Proceed.class);
        assertThat(outcome(decide(app(LAST.plusSeconds(1), none)))).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldNotLetATerminalKeepTheAppWhenThePolicyDoesNotKeepTerminalsAlive() {
        ShutdownCommand terminalsFree = Commands.withTerminalsKeepAlive(command, false);
        Observation.App typedInto = app(null, read(Observation.Child.kernel("k1", "idle", LAST),
                Observation.Child.terminal("img__1__ml.t3.medium", NOW.minusSeconds(1)),
                Observation.Child.terminal("silent", null)));

        assertThat(Revalidation.decide(terminalsFree, typedInto, NOW)).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldStillLetAKernelKeepTheAppWhenThePolicyDoesNotKeepTerminalsAlive() {
        ShutdownCommand terminalsFree = Commands.withTerminalsKeepAlive(command, false);
        Observation.App ranCode = app(null, read(Observation.Child.terminal("t", LAST.minusSeconds(600)),
                Observation.Child.kernel("k1", "idle", LAST.plusSeconds(5))));

        assertThat(Revalidation.decide(terminalsFree, ranCode, NOW)).isEqualTo(Verdict.conclude(
                Outcome.SKIPPED_BECAME_ACTIVE, "kernel k1 on the app was active at 2026-01-05T10:00:05.123456Z, "
                        + "after the decision's last activity 2026-01-05T10:00:00.123456Z"));
    }

    @Test
    void shouldLetATerminalKeepTheAppWhenThePolicyKeepsTerminalsAliveOrDoesNotSay() {
        Observation.App typedInto = app(null, read(Observation.Child.terminal("t", NOW.minusSeconds(1))));

        for (Boolean keepAlive : java.util.Arrays.asList(true, null)) {
            assertThat(outcome(Revalidation.decide(Commands.withTerminalsKeepAlive(command, keepAlive), typedInto,
                    NOW))).as("terminalsKeepAlive=" + keepAlive).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        }
    }

    private Verdict decide(Observation.App app) {
        return Revalidation.decide(command, app, NOW);
    }

    private Verdict decide(Observation.Children children) {
        return decide(app(null, children));
    }

    private static Observation.App app(Instant lastUserActivity, Observation.Children children) {
        return new Observation.App("InService", lastUserActivity, children);
    }

    private static Observation.Children read(Observation.Child... children) {
        return new Observation.Children.Read(List.of(children));
    }

    private static Outcome outcome(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Conclude.class);
        return ((Verdict.Conclude) verdict).outcome();
    }
}
