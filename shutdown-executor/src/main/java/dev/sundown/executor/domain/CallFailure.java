package dev.sundown.executor.domain;

/**
 * A failed call to Jupyter or SageMaker, classified for the retry loop. Its message never contains a secret: it
 * is built from status codes, error codes and resource names only.
 */
public final class CallFailure extends RuntimeException {

    /** What a failure means for the command. */
    public enum Kind {
        /** Throttling, a 5xx, a timeout, a resource in use: try again later. */
        RETRYABLE,
        /** The resource does not exist (404, ResourceNotFound). */
        GONE,
        /** Anything else (4xx, a bad request): trying again would not help. */
        PERMANENT
    }

    private final Kind kind;

    public CallFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Classifies an HTTP status of a Jupyter call. */
    public static Kind ofHttpStatus(int status) {
        if (status == 404) {
            return Kind.GONE;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Kind.RETRYABLE;
        }
        return Kind.PERMANENT;
    }

    /** Classifies a SageMaker error by its error code and HTTP status. */
    public static Kind ofAwsError(String errorCode, int status) {
        String code = errorCode == null ? "" : errorCode;
        if (code.equals("ResourceNotFound") || code.equals("ResourceNotFoundException")) {
            return Kind.GONE;
        }
        if (code.startsWith("Throttl") || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException")
                || code.equals("ResourceInUse") || code.equals("ResourceInUseException")
                || code.equals("ServiceUnavailable") || code.equals("InternalFailure")
                || code.equals("RequestTimeout") || code.equals("PriorRequestNotComplete")) {
            return Kind.RETRYABLE;
        }
        return ofHttpStatus(status) == Kind.RETRYABLE ? Kind.RETRYABLE : Kind.PERMANENT;
    }
}
