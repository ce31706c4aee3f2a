package dev.sundown.collector.studio;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts SageMaker HTTP attempts (retries included) and refuses more than the budget of one cycle, so a
 * throttled account is not hammered and a cycle cannot run forever.
 */
public final class CallBudget implements ExecutionInterceptor {

    private final int perCycle;
    private final AtomicInteger used = new AtomicInteger();

    public CallBudget(int perCycle) {
        this.perCycle = perCycle;
    }

    /** Starts a new cycle. */
    public void reset() {
        used.set(0);
    }

    public int used() {
        return used.get();
    }

    public int perCycle() {
        return perCycle;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (used.incrementAndGet() > perCycle) {
            throw NonRetryableException.builder()
                    .message("SageMaker call budget of " + perCycle + " attempts for this cycle is spent")
                    .build();
        }
    }
}
