package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @Test
    void shouldDoubleTheBackoffUpToItsCeiling() {
        assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffCeiling(40)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldSpreadTheWaitBetweenHalfAndAllOfTheBackoff() {
        assertThat(policy.delayBeforeNext(2, Duration.ZERO, 0.0)).contains(Duration.ofMillis(200));
        assertThat(policy.delayBeforeNext(2, Duration.ZERO, 0.5)).contains(Duration.ofMillis(300));
        assertThat(policy.delayBeforeNext(2, Duration.ZERO, 0.999999)).hasValueSatisfying(
                d -> assertThat(d).isLessThan(Duration.ofMillis(400)).isGreaterThan(Duration.ofMillis(399)));
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() {
        assertThat(policy.delayBeforeNext(4, Duration.ZERO, 0.5)).isPresent();
        assertThat(policy.delayBeforeNext(5, Duration.ZERO, 0.5)).isEmpty();
    }

    @Test
    void shouldGiveUpWhenTheWaitWouldPassTheDeadline() {
        assertThat(policy.delayBeforeNext(1, Duration.ofMillis(59_850), 0.0)).contains(Duration.ofMillis(100));
        assertThat(policy.delayBeforeNext(1, Duration.ofMillis(59_950), 0.0)).isEmpty();
    }
}
