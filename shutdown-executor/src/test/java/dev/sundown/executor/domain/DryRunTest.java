package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.executor.Commands;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DryRunTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void shouldHoldWhenEitherTheGlobalSwitchOrThePolicyAsksForIt() {
        var acting = Commands.command(AppKey.jupyter("lab"), OwnerKind.JUPYTER_TARGET, ResourceKind.KERNEL, "k", T,
                false);
        var dryPolicy = Commands.command(AppKey.jupyter("lab"), OwnerKind.JUPYTER_TARGET, ResourceKind.KERNEL, "k", T,
                true);

        assertThat(DryRun.applies(false, acting)).isFalse();
        assertThat(DryRun.applies(true, acting)).isTrue();
        assertThat(DryRun.applies(false, dryPolicy)).isTrue();
    }
}
