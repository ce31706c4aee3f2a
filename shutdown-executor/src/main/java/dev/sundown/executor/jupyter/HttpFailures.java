package dev.sundown.executor.jupyter;

import dev.sundown.executor.domain.CallFailure;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Turns transport errors into {@link CallFailure}s whose messages hold no URL, header or cookie. */
final class HttpFailures {

    private HttpFailures() {
    }

    static CallFailure of(String target, Throwable error) {
        if (error instanceof CallFailure failure) {
            return failure;
        }
        if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
            return new CallFailure(CallFailure.Kind.RETRYABLE, target + ": request timed out");
        }
        if (error instanceof ConnectException) {
            return new CallFailure(CallFailure.Kind.RETRYABLE, target + ": connection refused");
        }
        return new CallFailure(CallFailure.Kind.RETRYABLE, target + ": " + error.getClass().getSimpleName());
    }
}
