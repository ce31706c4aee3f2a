package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.Commands;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevalidationTest {

    private static final Instant LAST = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant NOW = LAST.plusSeconds(60);
    private final ShutdownCommand command = Commands.staticKernel("lab", "k1", LAST);

    @Test
    void shouldProceedWithAnIdleKernelUnchangedSinceTheDecision() {
        Verdict verdict = Revalidation.decide(command, new Observation.Kernel("idle", LAST), NOW);

        assertThat(verdict).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldSkipAKernelThatRanCodeAfterTheDecision() {
        Verdict verdict = Revalidation.decide(command, new Observation.Kernel("idle", LAST.plusMillis(1)),
                NOW);

        assertThat(verdict).isEqualTo(Verdict.conclude(Outcome.SKIPPED_BECAME_ACTIVE,
                "kernel was active at 2026-01-05T10:00:00.001Z, after the decision's last activity "
                        + "2026-01-05T10:00:00Z"));
    }

    @Test
    void shouldSkipABusyKernel() {
        Verdict verdict = Revalidation.decide(command, new Observation.Kernel("busy", LAST), NOW);

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldSkipWhatIsStillWithinItsIdleLimitWhenActing() {
        Verdict verdict = Revalidation.decide(command, new Observation.Kernel("idle", LAST),
                LAST.plus(Commands.IDLE_LIMIT).minusMillis(1));

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldSkipATerminalTypedIntoAfterTheDecision() {
        Verdict verdict = Revalidation.decide(command, new Observation.Terminal(LAST.plusSeconds(5)), NOW);

        assertThat(outcome(verdict)).isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldNeverTreatUnknownActivityAsIdle() {
        assertThat(outcome(Revalidation.decide(command, new Observation.Terminal(null), NOW)))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(outcome(Revalidation.decide(command, new Observation.Kernel("idle", null), NOW)))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    @Test
    void shouldReportAResourceThatIsGoneAsAlreadyGone() {
        assertThat(outcome(Revalidation.decide(command, new Observation.Gone("kernel k1 is gone"), NOW)))
                .isEqualTo(Outcome.ALREADY_GONE);
        assertThat(outcome(Revalidation.decide(command, new Observation.App("Deleted"), NOW)))
                .isEqualTo(Outcome.ALREADY_GONE);
        assertThat(outcome(Revalidation.decide(command, new Observation.App("Deleting"), NOW)))
                .isEqualTo(Outcome.ALREADY_GONE);
    }

    @Test
    void shouldSkipAnAppThatIsNotInService() {
        assertThat(outcome(Revalidation.decide(command, new Observation.App("Pending"), NOW)))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
        assertThat(Revalidation.decide(command, quietApp(), NOW)).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void shouldSkipWhatATagNowExempts() {
        Verdict verdict = Revalidation.decide(command, new Observation.ExemptByTag("user profile d-1/alice"), NOW);

        assertThat(verdict).isEqualTo(Verdict.conclude(Outcome.SKIPPED_EXEMPT,
                "exempt by tag sundown:exempt=true on user profile d-1/alice"));
    }

    @Test
    void shouldNeverDeleteAnInServiceAppWhoseKernelsAndTerminalsWereNotRead() {
        assertThat(outcome(Revalidation.decide(command, new Observation.App("InService"), NOW)))
                .isEqualTo(Outcome.SKIPPED_BECAME_ACTIVE);
    }

    private static Observation.App quietApp() {
        return new Observation.App("InService", null, new Observation.Children.Read(List.of()));
    }

    private static Outcome outcome(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Conclude.class);
        return ((Verdict.Conclude) verdict).outcome();
    }
}
