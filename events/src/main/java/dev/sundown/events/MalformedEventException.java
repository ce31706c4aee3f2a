package dev.sundown.events;

/**
 * A record that is not a valid Sundown event. {@link #problem()} classifies it for the dead-letter topic;
 * the message names what is wrong.
 */
public class MalformedEventException extends RuntimeException {

    /** What is wrong with the record. */
    public enum Problem {
        EMPTY, TOO_LARGE, NOT_JSON, NOT_CLOUDEVENT, UNSUPPORTED_SPEC_VERSION, UNKNOWN_TYPE,
        TYPE_NOT_ALLOWED_ON_TOPIC, MISSING_FIELD, INVALID_FIELD, KEY_MISMATCH
    }

    private final Problem problem;

    public MalformedEventException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public MalformedEventException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
