package dev.sundown.collector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollLoopConcurrencyTest {

    @Test
    void shouldAllowEveryTargetToWaitAFullTimeoutOncePerInterval() {
        assertThat(PollLoop.autoConcurrency(2000, Duration.ofSeconds(5), Duration.ofSeconds(30))).isEqualTo(334);
    }

    @Test
    void shouldKeepAFloorForSmallFleetsAndACeilingForHugeOnes() {
        assertThat(PollLoop.autoConcurrency(3, Duration.ofSeconds(5), Duration.ofSeconds(60))).isEqualTo(32);
        assertThat(PollLoop.autoConcurrency(50_000, Duration.ofSeconds(5), Duration.ofSeconds(30))).isEqualTo(1024);
    }
}
