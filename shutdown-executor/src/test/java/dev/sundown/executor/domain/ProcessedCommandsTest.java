package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessedCommandsTest {

    @Test
    void shouldForgetTheOldestIdsBeyondItsBound() {
        ProcessedCommands processed = new ProcessedCommands(2);

        processed.add("a");
        processed.add("b");
        processed.add("c");

        assertThat(processed.contains("a")).isFalse();
        assertThat(processed.contains("b")).isTrue();
        assertThat(processed.contains("c")).isTrue();
        assertThat(processed.size()).isEqualTo(2);
    }
}
