package dev.sundown.notifier.domain;

import static dev.sundown.notifier.Fixtures.T0;
import static dev.sundown.notifier.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sundown.events.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {

    private final Instant from = T0.minus(Duration.ofDays(1));

    @Test
    void shouldSumSavingsOfDoneResultsOnly() {
        DigestReport d = Digests.build(from, T0, List.of(
                result("c1", "alice", Outcome.DONE, 0.736, T0.minusSeconds(60)),
                result("c2", "bob", Outcome.DONE, 0.05, T0.minusSeconds(120)),
                result("c3", "carol", Outcome.SKIPPED_BECAME_ACTIVE, 0.92, T0.minusSeconds(180)),
                result("c4", "dave", Outcome.FAILED, 0.92, T0.minusSeconds(240)),
                result("c5", "erin", Outcome.ALREADY_GONE, 0.92, T0.minusSeconds(300))));

        assertThat(d.shutDown()).isEqualTo(2);
        assertThat(d.skipped()).isEqualTo(1);
        assertThat(d.failed()).isEqualTo(1);
        assertThat(d.alreadyGone()).isEqualTo(1);
        assertThat(d.skippedByOutcome()).containsEntry("skipped-became-active", 1);
        assertThat(d.savedPerHour()).isCloseTo(0.786, within(1e-9));
        assertThat(d.savedPerDay()).isCloseTo(18.864, within(1e-9));
        assertThat(d.entries()).extracting(DigestEntry::outcome)
                .containsExactly(Outcome.DONE, Outcome.DONE, Outcome.ALREADY_GONE, Outcome.SKIPPED_BECAME_ACTIVE,
                        Outcome.FAILED);
    }

    @Test
    void shouldKeepOnlyResultsOfThePeriodAndCountAReplayedCommandOnce() {
        DigestReport d = Digests.build(from, T0, List.of(
                result("c1", "alice", Outcome.DONE, 1.0, T0.minusSeconds(60)),
                result("c1", "alice", Outcome.DONE, 1.0, T0.minusSeconds(60)),
                result("old", "bob", Outcome.DONE, 1.0, from.minusSeconds(1)),
                result("next", "bob", Outcome.DONE, 1.0, T0)));

        assertThat(d.shutDown()).isEqualTo(1);
        assertThat(d.savedPerHour()).isEqualTo(1.0);
    }

    @Test
    void shouldAlignPeriodsToTheEpochInUtc() {
        assertThat(Digests.periodStart(Instant.parse("2026-03-02T17:45:00Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(Digests.periodStart(Instant.parse("2026-03-02T17:45:00Z"), Duration.ofHours(6)))
                .isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    }

    @Test
    void shouldComposeTheDigestWithSkippedReasonsFailuresAndSavings() {
        DigestReport d = Digests.build(from, T0, List.of(
                result("c1", "alice", Outcome.DONE, 0.736, T0.minusSeconds(60)),
                result("c3", "carol", Outcome.SKIPPED_BECAME_ACTIVE, 0.92, T0.minusSeconds(180)),
                result("c4", "dave", Outcome.FAILED, 0.92, T0.minusSeconds(240))));

        Content c = Composer.compose(Notification.digest(d, null, T0));

        assertThat(c.title()).isEqualTo("Sundown digest: 1 shut down, $17.66/day saved");
        assertThat(c.summary()).contains("Estimated savings $0.74 per hour, $17.66 per day");
        assertThat(c.items()).anySatisfy(i -> assertThat(i)
                .startsWith("Skipped (became active): d-abc123/carol/KernelGateway/app-c3")
                .endsWith("kernel ran code at 10:02:11 after the decision"));
        assertThat(c.items()).anySatisfy(i -> assertThat(i).startsWith("FAILED: d-abc123/dave")
                .contains("ThrottlingException"));
    }
}
