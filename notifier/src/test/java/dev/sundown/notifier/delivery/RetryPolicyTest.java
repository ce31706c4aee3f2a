package dev.sundown.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofMinutes(1));

    @Test
    void shouldBackOffExponentiallyUpToTheMaximum() {
        DeliveryException e = DeliveryException.retryable("HTTP 500");
        assertThat(policy.nextDelay(1, e)).contains(Duration.ofSeconds(1));
        assertThat(policy.nextDelay(2, e)).contains(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(3, e)).contains(Duration.ofSeconds(4));
        assertThat(policy.nextDelay(4, e)).contains(Duration.ofSeconds(5));
        assertThat(policy.nextDelay(5, e)).isEmpty();
    }

    @Test
    void shouldHonourRetryAfterWithinItsCap() {
        assertThat(policy.nextDelay(1, new DeliveryException("429", true, Duration.ofSeconds(30))))
                .contains(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(1, new DeliveryException("429", true, Duration.ofHours(1))))
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void shouldNotRetryWhatCannotSucceed() {
        assertThat(policy.nextDelay(1, DeliveryException.permanent("HTTP 404 no_service"))).isEmpty();
    }
}
