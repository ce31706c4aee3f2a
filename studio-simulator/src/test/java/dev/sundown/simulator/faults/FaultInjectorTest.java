package dev.sundown.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.simulator.faults.FaultInjector.Decision.Kind;
import dev.sundown.simulator.faults.FaultSettings.OperationFaults;
import dev.sundown.simulator.faults.FaultSettings.SlackFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void shouldInjectNothingByDefault() {
        FaultInjector injector = new FaultInjector(1);

        assertThat(injector.sagemaker("ListApps").kind()).isEqualTo(Kind.NONE);
        assertThat(injector.slack().kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed() {
        FaultSettings settings = new FaultSettings(99L, Map.of("*", new OperationFaults(0.3, 0.3, 503, null, null)), null, null);
        FaultInjector injector = new FaultInjector(1);

        injector.configure(settings);
        List<Kind> first = draw(injector);
        injector.configure(settings);
        List<Kind> second = draw(injector);

        assertThat(first).isEqualTo(second).contains(Kind.NONE, Kind.THROTTLE, Kind.ERROR);
    }

    @Test
    void shouldPreferTheOperationsOwnEntryAndStopAfterItsCount() {
        FaultInjector injector = new FaultInjector(1);
        injector.configure(new FaultSettings(null, Map.of("DeleteApp", new OperationFaults(1.0, null, null, 25L, 2),
                "*", new OperationFaults(null, 1.0, null, null, null)), null, null));

        assertThat(injector.sagemaker("DeleteApp").kind()).isEqualTo(Kind.THROTTLE);
        assertThat(injector.sagemaker("DeleteApp").latencyMs()).isEqualTo(25);
        assertThat(injector.sagemaker("DeleteApp").kind()).isEqualTo(Kind.NONE);
        assertThat(injector.sagemaker("ListApps").kind()).isEqualTo(Kind.ERROR);
        assertThat(injector.sagemaker("ListApps").status()).isEqualTo(500);
    }

    @Test
    void shouldRateLimitSlackWithRetryAfter() {
        FaultInjector injector = new FaultInjector(1);
        injector.configure(new FaultSettings(null, null, null, new SlackFaults(1.0, 30, null, null, null)));

        FaultInjector.Decision decision = injector.slack();

        assertThat(decision.kind()).isEqualTo(Kind.RATE_LIMIT);
        assertThat(decision.status()).isEqualTo(429);
        assertThat(decision.retryAfterSeconds()).isEqualTo(30);
    }

    private static List<Kind> draw(FaultInjector injector) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            kinds.add(injector.sagemaker("ListApps").kind());
        }
        return kinds;
    }
}
