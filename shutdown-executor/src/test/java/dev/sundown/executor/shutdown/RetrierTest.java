package dev.sundown.executor.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.domain.RetryPolicy;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private final Retrier retrier = new Retrier(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMinutes(1)), Clock.fixed(START, ZoneOffset.UTC), () -> 0.5, START);

    @Test
    void shouldRetryThrottlingUntilTheCallSucceedsAndCountTheCalls() {
        AtomicInteger calls = new AtomicInteger();

        Retrier.Attempted<String> done = retrier.run(() -> calls.incrementAndGet() < 3
                ? Uni.createFrom().<String>failure(new CallFailure(CallFailure.Kind.RETRYABLE, "ThrottlingException"))
                : Uni.createFrom().item("deleted")).await().atMost(Duration.ofSeconds(5));

        assertThat(done).isEqualTo(new Retrier.Attempted<>("deleted", 3));
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();

        Retrier.StepFailed failed = catchThrowableOfType(Retrier.StepFailed.class, () -> retrier.run(() ->
                Uni.createFrom().failure(new CallFailure(CallFailure.Kind.RETRYABLE,
                        "HTTP 503 call " + calls.incrementAndGet()))).await().atMost(Duration.ofSeconds(5)));

        assertThat(failed.exhausted()).isTrue();
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.getMessage()).isEqualTo("HTTP 503 call 4");
    }

    @Test
    void shouldNotRetryWhatIsGoneOrRejected() {
        Retrier.StepFailed gone = catchThrowableOfType(Retrier.StepFailed.class, () -> retrier.run(() ->
                Uni.createFrom().failure(new CallFailure(CallFailure.Kind.GONE, "HTTP 404")))
                .await().atMost(Duration.ofSeconds(5)));
        Retrier.StepFailed rejected = catchThrowableOfType(Retrier.StepFailed.class, () -> retrier.run(() ->
                Uni.createFrom().failure(new CallFailure(CallFailure.Kind.PERMANENT, "HTTP 403")))
                .await().atMost(Duration.ofSeconds(5)));

        assertThat(gone.attempts()).isEqualTo(1);
        assertThat(gone.last().kind()).isEqualTo(CallFailure.Kind.GONE);
        assertThat(rejected.exhausted()).isFalse();
    }

    @Test
    void shouldStopAtTheDeadline() {
        Clock late = Clock.fixed(START.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        Retrier pastDeadline = new Retrier(new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofMinutes(1)), late, () -> 0.5, START);

        Retrier.StepFailed failed = catchThrowableOfType(Retrier.StepFailed.class, () -> pastDeadline.run(() ->
                Uni.createFrom().failure(new CallFailure(CallFailure.Kind.RETRYABLE, "timed out")))
                .await().atMost(Duration.ofSeconds(5)));

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.exhausted()).isTrue();
    }

    @Test
    void shouldEndAStepAtOnceWhenACallHalts() {
        AtomicInteger calls = new AtomicInteger();

        Retrier.Halt halted = catchThrowableOfType(Retrier.Halt.class, () -> retrier.run(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(new Retrier.Halt("became active"));
        }).await().atMost(Duration.ofSeconds(5)));

        assertThat(halted.getMessage()).isEqualTo("became active");
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldNotRetryANestedStepThatAlreadyUsedItsRetries() {
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();

        Retrier.StepFailed failed = catchThrowableOfType(Retrier.StepFailed.class, () -> retrier.run(() -> {
            outer.incrementAndGet();
            return retrier.read(() -> Uni.createFrom().failure(new CallFailure(CallFailure.Kind.RETRYABLE,
                    "HTTP 502 read " + inner.incrementAndGet())));
        }).await().atMost(Duration.ofSeconds(5)));

        assertThat(outer).hasValue(1);
        assertThat(inner).hasValue(4);
        assertThat(failed.getMessage()).isEqualTo("HTTP 502 read 4");
    }
}
