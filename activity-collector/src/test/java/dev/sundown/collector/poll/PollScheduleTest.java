package dev.sundown.collector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);

    private PollSchedule schedule(double jitter) {
        return new PollSchedule(MINUTE, jitter, 2.0, Duration.ofMinutes(10), new SplittableRandom(7));
    }

    @Test
    void shouldSpreadTargetsOverTheIntervalAndPollEachOncePerCycle() {
        PollSchedule s = schedule(0);
        for (int i = 0; i < 100; i++) {
            s.add("t" + i, T0);
        }

        List<String> firstHalf = s.takeDue(T0.plusSeconds(30), 1000);
        List<String> rest = s.takeDue(T0.plusSeconds(60), 1000);

        assertThat(firstHalf.size()).isBetween(25, 75);
        assertThat(firstHalf.size() + rest.size()).isEqualTo(100);
    }

    @Test
    void shouldNeverHandOutATargetThatIsStillInFlight() {
        PollSchedule s = schedule(0);
        s.addDueNow("a", T0);

        assertThat(s.takeDue(T0, 10)).containsExactly("a");
        assertThat(s.takeDue(T0.plus(MINUTE.multipliedBy(5)), 10)).isEmpty();

        s.completed("a", true, T0.plus(MINUTE.multipliedBy(5)));
        assertThat(s.takeDue(T0.plus(MINUTE.multipliedBy(5)), 10)).containsExactly("a");
    }

    @Test
    void shouldRespectTheConcurrencyLimitMostOverdueFirst() {
        PollSchedule s = schedule(0);
        s.addDueNow("late", T0);
        s.addDueNow("later", T0.plusSeconds(1));
        s.addDueNow("latest", T0.plusSeconds(2));

        assertThat(s.takeDue(T0.plusSeconds(3), 2)).containsExactly("late", "later");
    }

    @Test
    void shouldKeepACadenceWithoutDrift() {
        PollSchedule s = schedule(0);
        s.addDueNow("a", T0);
        s.takeDue(T0, 1);

        Instant next = s.completed("a", true, T0.plusSeconds(3));

        assertThat(next).isEqualTo(T0.plus(MINUTE));
    }

    @Test
    void shouldJitterEachSlotWithinTheConfiguredFraction() {
        PollSchedule s = schedule(0.1);
        s.addDueNow("a", T0);
        s.takeDue(T0, 1);

        Instant next = s.completed("a", true, T0.plusSeconds(1));

        assertThat(next).isBetween(T0.plus(MINUTE), T0.plus(MINUTE).plusSeconds(6));
    }

    @Test
    void shouldBackOffAFailingTargetUpToTheLimitAndRecoverOnSuccess() {
        PollSchedule s = schedule(0);
        s.addDueNow("a", T0);
        Instant now = T0;
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(s.takeDue(now, 1)).containsExactly("a");
            Instant next = s.completed("a", false, now);
            delays.add(Duration.between(now, next));
            now = next;
        }

        assertThat(delays).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(10), Duration.ofMinutes(10));

        s.takeDue(now, 1);
        assertThat(s.completed("a", true, now)).isEqualTo(now.plus(MINUTE));
        assertThat(s.failures("a")).isZero();
    }

    @Test
    void shouldTellWhenTheNextWaitingTargetIsDue() {
        PollSchedule s = schedule(0);
        s.addDueNow("a", T0.plusSeconds(5));
        s.addDueNow("b", T0.plusSeconds(2));

        assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(2));
        assertThat(s.takeDue(T0.plusSeconds(3), 10)).containsExactly("b");
        assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(5));

        s.remove("a");
        assertThat(s.nextDue()).isNull();
        s.completed("b", true, T0.plusSeconds(4));
        assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(2).plus(MINUTE));
    }

    @Test
    void shouldCountPollsInFlightAcrossCompletionsAndRemovals() {
        PollSchedule s = schedule(0);
        for (int i = 0; i < 3; i++) {
            s.addDueNow("t" + i, T0);
        }

        assertThat(s.takeDue(T0, 10)).hasSize(3);
        assertThat(s.inFlight()).isEqualTo(3);
        s.completed("t0", true, T0);
        s.remove("t1");
        s.completed("t1", true, T0);

        assertThat(s.inFlight()).isEqualTo(1);
        assertThat(s.takeDue(T0.plus(MINUTE), 10)).containsExactly("t0");
    }

    @Test
    void shouldKeepEveryTargetOfALargeFleetOnItsOwnCadence() {
        // given 5,000 targets spread over the interval
        PollSchedule s = schedule(0);
        for (int i = 0; i < 5000; i++) {
            s.add("t" + i, T0);
        }
        java.util.Map<String, Integer> polls = new java.util.HashMap<>();

        // when three intervals pass in one-second steps, each poll completing right away
        for (int second = 0; second <= 180; second++) {
            Instant now = T0.plusSeconds(second);
            for (String id : s.takeDue(now, Integer.MAX_VALUE)) {
                polls.merge(id, 1, Integer::sum);
                s.completed(id, true, now);
            }
        }

        // then every target was polled once per interval
        assertThat(polls).hasSize(5000);
        assertThat(polls.values()).allMatch(n -> n == 3 || n == 4);
    }
}
