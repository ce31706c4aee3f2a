package dev.sundown.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityTest {

    static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void shouldBeIdleSinceItsBaseWithoutScript() {
        Activity activity = new Activity(START.minus(Duration.ofMinutes(10)), null);

        assertThat(activity.isBusy(START.plusSeconds(30))).isFalse();
        assertThat(activity.lastActivity(START.plusSeconds(30))).isEqualTo(START.minus(Duration.ofMinutes(10)));
    }

    @Test
    void shouldCountABusyPeriodAsActivityWhenItStartsAndWhenItEnds() {
        Activity activity = new Activity(START.minusSeconds(60), null);
        activity.busy(START.plusSeconds(10), Duration.ofSeconds(20));

        assertThat(activity.isBusy(START.plusSeconds(5))).isFalse();
        assertThat(activity.lastActivity(START.plusSeconds(5))).isEqualTo(START.minusSeconds(60));
        assertThat(activity.isBusy(START.plusSeconds(15))).isTrue();
        assertThat(activity.lastActivity(START.plusSeconds(15))).isEqualTo(START.plusSeconds(10));
        assertThat(activity.isBusy(START.plusSeconds(30))).isFalse();
        assertThat(activity.lastActivity(START.plusSeconds(45))).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void shouldRepeatAPeriodicBusyWindow() {
        Activity activity = new Activity(START, new Activity.Periodic(START.plusSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(15)));

        assertThat(activity.isBusy(START.plusSeconds(59))).isFalse();
        assertThat(activity.isBusy(START.plusSeconds(125))).isTrue();
        assertThat(activity.lastActivity(START.plusSeconds(125))).isEqualTo(START.plusSeconds(120));
        assertThat(activity.isBusy(START.plusSeconds(140))).isFalse();
        assertThat(activity.lastActivity(START.plusSeconds(140))).isEqualTo(START.plusSeconds(135));
    }

    @Test
    void shouldTreatAZeroLengthPeriodAsTypingEveryPeriod() {
        Activity typing = new Activity(START.minusSeconds(600), new Activity.Periodic(START.plusSeconds(20), Duration.ofSeconds(20), Duration.ZERO));

        assertThat(typing.lastActivity(START.plusSeconds(19))).isEqualTo(START.minusSeconds(600));
        assertThat(typing.lastActivity(START.plusSeconds(65))).isEqualTo(START.plusSeconds(60));
        assertThat(typing.isBusy(START.plusSeconds(60))).isFalse();
    }

    @Test
    void shouldNeverMoveLastActivityBackwardsWhenTouched() {
        Activity activity = new Activity(START, null);
        activity.touch(START.plusSeconds(50));
        activity.touch(START.plusSeconds(40));

        assertThat(activity.lastActivity(START.plusSeconds(60))).isEqualTo(START.plusSeconds(50));
    }
}
