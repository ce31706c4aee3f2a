package dev.sundown.executor.shutdown;

import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.config.ExecutorConfig;
import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.domain.CommandValidation;
import dev.sundown.executor.domain.Conclusion;
import dev.sundown.executor.domain.DryRun;
import dev.sundown.executor.domain.PolicyBook;
import dev.sundown.executor.domain.RetryPolicy;
import dev.sundown.executor.domain.Revalidation;
import dev.sundown.executor.domain.Verdict;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Carries out one validated command: refuse what must never be stopped, re-validate against a fresh read, honour
 * dry-run, then act with retries. Always ends in a {@link Conclusion}, never in a failure.
 */
@ApplicationScoped
public class ShutdownService {

    private static final Logger LOG = Logger.getLogger(ShutdownService.class);

    private final ExecutorConfig config;
    private final Targets targets;
    private final PolicyBook policies;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final MeterRegistry registry;
    private final DistributionSummary attempts;

    public ShutdownService(ExecutorConfig config, Targets targets, PolicyBook policies, Clock clock,
                           MeterRegistry registry) {
        this.config = config;
        this.targets = targets;
        this.policies = policies;
        this.clock = clock;
        this.registry = registry;
        ExecutorConfig.Retry retry = config.retry();
        this.retryPolicy = new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
                retry.deadline());
        this.attempts = DistributionSummary.builder("sundown.executor.attempts")
                .description("Calls made to stop one resource").register(registry);
    }

    public Uni<Conclusion> execute(ShutdownCommand command) {
        if (CommandValidation.isProtectedApp(command)) {
            return Uni.createFrom().item(Conclusion.of(Outcome.SKIPPED_EXEMPT,
                    "the JupyterServer app is never deleted", 0));
        }
        Optional<String> exemptBy = policies.exemptingScope(command).map(Object::toString);
        if (exemptBy.isPresent()) {
            return Uni.createFrom().item(Conclusion.of(Outcome.SKIPPED_EXEMPT,
                    "exempt by policy " + exemptBy.get(), 0));
        }
        Instant started = clock.instant();
        ResourceAction action = targets.actionFor(command);
        Retrier retrier = new Retrier(retryPolicy, clock, () -> ThreadLocalRandom.current().nextDouble(), started);
        return action.observe(retrier)
                .chain(seen -> {
                    Verdict verdict = Revalidation.decide(command, seen, clock.instant());
                    if (verdict instanceof Verdict.Conclude done) {
                        return Uni.createFrom().item(Conclusion.of(done.outcome(), done.detail(), 0));
                    }
                    if (DryRun.applies(config.dryRun(), command)) {
                        return Uni.createFrom().item(Conclusion.of(Outcome.SKIPPED_DRY_RUN,
                                "dry run: would " + action.description(), 0));
                    }
                    return act(command, action, retrier);
                })
                .onFailure(Retrier.StepFailed.class).recoverWithItem(failed -> {
                    Retrier.StepFailed step = (Retrier.StepFailed) failed;
                    return Conclusion.failed("could not re-validate before acting: " + step.getMessage(), 0,
                            step.exhausted() ? Conclusion.RETRIES_EXHAUSTED : Conclusion.ACTION_FAILED);
                })
                .onFailure().recoverWithItem(unexpected -> {
                    LOG.errorf(unexpected, "command %s failed unexpectedly", command.commandId());
                    return Conclusion.failed("internal error: " + unexpected.getClass().getSimpleName(), 0,
                            Conclusion.INTERNAL_ERROR);
                });
    }

    /**
     * Acts, with retries. An action that re-validates before a retry (DeleteApp) reads and judges the resource again
     * before every call but the first: activity that starts while SageMaker throttles or answers ResourceInUse stops
     * the deletion, and a call that failed although it took effect ends in {@code already-gone}.
     */
    private Uni<Conclusion> act(ShutdownCommand command, ResourceAction action, Retrier retrier) {
        Timer.Sample sample = Timer.start(registry);
        AtomicInteger calls = new AtomicInteger();
        return retrier.run(() -> calls.get() == 0 || !action.revalidatesBeforeRetry()
                        ? call(action, calls) : revalidateThenCall(command, action, retrier, calls))
                .map(done -> {
                    attempts.record(done.attempts());
                    return Conclusion.of(Outcome.DONE, action.description(), done.attempts());
                })
                .onFailure(StoppedBeforeRetry.class).recoverWithItem(failed -> {
                    Verdict.Conclude stop = ((StoppedBeforeRetry) failed).verdict;
                    attempts.record(calls.get());
                    return Conclusion.of(stop.outcome(), stop.detail() + " (seen before retrying "
                            + action.description() + " after " + calls.get() + " attempt(s))", calls.get());
                })
                .onFailure(UnreadBeforeRetry.class).recoverWithItem(failed -> {
                    Retrier.StepFailed step = ((UnreadBeforeRetry) failed).step;
                    attempts.record(calls.get());
                    return Conclusion.failed("could not re-validate before retrying " + action.description() + " after "
                            + calls.get() + " attempt(s): " + step.getMessage(), calls.get(),
                            step.exhausted() ? Conclusion.RETRIES_EXHAUSTED : Conclusion.ACTION_FAILED);
                })
                .onFailure(Retrier.StepFailed.class).recoverWithItem(failed -> {
                    Retrier.StepFailed step = (Retrier.StepFailed) failed;
                    attempts.record(calls.get());
                    if (step.last().kind() == CallFailure.Kind.GONE) {
                        return Conclusion.of(Outcome.ALREADY_GONE, action.description() + ": already gone",
                                calls.get());
                    }
                    String why = step.exhausted() ? "gave up after " + calls.get() + " attempt(s): "
                            : "rejected: ";
                    return Conclusion.failed(action.description() + " " + why + step.getMessage(), calls.get(),
                            step.exhausted() ? Conclusion.RETRIES_EXHAUSTED : Conclusion.ACTION_FAILED);
                })
                .invoke(() -> sample.stop(Timer.builder("sundown.executor.action.latency")
                        .description("Time to stop one resource, retries included")
                        .tag("kind", action.kind())
                        .register(registry)));
    }

    private static Uni<Void> call(ResourceAction action, AtomicInteger calls) {
        calls.incrementAndGet();
        return action.act();
    }

    private Uni<Void> revalidateThenCall(ShutdownCommand command, ResourceAction action, Retrier retrier,
                                         AtomicInteger calls) {
        return action.observe(retrier)
                .onFailure(Retrier.StepFailed.class).transform(e -> new UnreadBeforeRetry((Retrier.StepFailed) e))
                .chain(seen -> {
                    Verdict verdict = Revalidation.decide(command, seen, clock.instant());
                    if (verdict instanceof Verdict.Conclude stop) {
                        return Uni.createFrom().failure(new StoppedBeforeRetry(stop));
                    }
                    return call(action, calls);
                });
    }

    /** The resource could not be read again before a retry of the action: it is not called again. */
    private static final class UnreadBeforeRetry extends Retrier.Halt {
        private final Retrier.StepFailed step;

        UnreadBeforeRetry(Retrier.StepFailed step) {
            super(step.getMessage());
            this.step = step;
        }
    }

    /** Re-validation before a retry of the action found a reason to stop. */
    private static final class StoppedBeforeRetry extends Retrier.Halt {
        private final Verdict.Conclude verdict;

        StoppedBeforeRetry(Verdict.Conclude verdict) {
            super(verdict.detail());
            this.verdict = verdict;
        }
    }
}
