package dev.sundown.collector.studio;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.NonRetryableException;

class CallBudgetTest {

    @Test
    void shouldRefuseAttemptsBeyondTheBudgetUntilTheNextCycle() {
        CallBudget budget = new CallBudget(2);
        budget.beforeTransmission(null, null);
        budget.beforeTransmission(null, null);

        assertThatThrownBy(() -> budget.beforeTransmission(null, null))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("call budget of 2");

        budget.reset();
        assertThatCode(() -> budget.beforeTransmission(null, null)).doesNotThrowAnyException();
    }
}
