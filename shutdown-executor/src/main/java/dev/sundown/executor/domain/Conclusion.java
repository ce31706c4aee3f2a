package dev.sundown.executor.domain;

import dev.sundown.events.Outcome;
import java.util.Optional;

/**
 * How the executor finished with a command: the outcome for the result, and the dead-letter problem when the
 * command also belongs on the dead-letter topic.
 *
 * @param attempts calls made to stop the resource (0 when it ended before acting)
 */
public record Conclusion(Outcome outcome, String detail, int attempts, Optional<String> deadLetterProblem) {

    public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
    public static final String ACTION_FAILED = "ACTION_FAILED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    public static Conclusion of(Outcome outcome, String detail, int attempts) {
        return new Conclusion(outcome, detail, attempts, Optional.empty());
    }

    /** A failure: the result says {@code failed} and the command goes to the dead-letter topic. */
    public static Conclusion failed(String detail, int attempts, String problem) {
        return new Conclusion(Outcome.FAILED, detail, attempts, Optional.of(problem));
    }
}
