package dev.sundown.executor.domain;

import static dev.sundown.executor.domain.CallFailure.Kind.GONE;
import static dev.sundown.executor.domain.CallFailure.Kind.PERMANENT;
import static dev.sundown.executor.domain.CallFailure.Kind.RETRYABLE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallFailureTest {

    @Test
    void shouldClassifyJupyterStatuses() {
        assertThat(CallFailure.ofHttpStatus(404)).isEqualTo(GONE);
        assertThat(CallFailure.ofHttpStatus(429)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofHttpStatus(503)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofHttpStatus(403)).isEqualTo(PERMANENT);
    }

    @Test
    void shouldClassifySageMakerErrors() {
        assertThat(CallFailure.ofAwsError("ResourceNotFound", 400)).isEqualTo(GONE);
        assertThat(CallFailure.ofAwsError("ThrottlingException", 400)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofAwsError("ResourceInUse", 400)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofAwsError("InternalFailure", 500)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofAwsError(null, 503)).isEqualTo(RETRYABLE);
        assertThat(CallFailure.ofAwsError("ValidationException", 400)).isEqualTo(PERMANENT);
    }
}
