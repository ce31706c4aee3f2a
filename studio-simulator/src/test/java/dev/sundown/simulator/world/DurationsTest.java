package dev.sundown.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldParseShortAndIsoDurations() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse(null)).isNull();
        assertThatThrownBy(() -> Durations.parse("ten minutes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldScaleScriptedDurationsByTheTimeScale() {
        assertThat(Durations.scale(Duration.ofMinutes(10), 60)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.scale(Duration.ofSeconds(10), 0.5)).isEqualTo(Duration.ofSeconds(20));
    }
}
