package dev.sundown.simulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Injected faults, set with {@code PUT /_sim/faults}. Rates are probabilities from 0 to 1; {@code count} caps how many
 * faults of that entry are injected in total (absent: unlimited), which makes "fail twice, then succeed" exact.
 *
 * @param seed      reseeds the random numbers (absent: {@code simulator.seed})
 * @param sagemaker per SageMaker operation name; the key {@code "*"} applies to operations without their own entry
 * @param sns       per SNS action name (e.g. {@code Publish}); the key {@code "*"} applies to the others
 * @param slack     the Slack webhook receiver
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(Long seed, Map<String, OperationFaults> sagemaker, Map<String, OperationFaults> sns,
        SlackFaults slack) {

    public static final FaultSettings NONE = new FaultSettings(null, Map.of(), Map.of(), null);

    /**
     * @param throttleRate share of calls answered with a throttling error
     * @param errorRate    share of calls answered with a server error
     * @param errorStatus  status of the server error: 500 (InternalFailure) or 503 (ServiceUnavailable); default 500
     * @param latencyMs    added before every answer of the operation
     * @param count        most faults injected by this entry (absent: unlimited)
     * @param answerDelayMs SageMaker only: added after the operation was applied and recorded, before its answer is
     *                     sent (a client that stops meanwhile never learns that its call took effect); not a fault,
     *                     so {@code count} does not limit it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperationFaults(Double throttleRate, Double errorRate, Integer errorStatus, Long latencyMs, Integer count,
            Long answerDelayMs) {

        public OperationFaults(Double throttleRate, Double errorRate, Integer errorStatus, Long latencyMs, Integer count) {
            this(throttleRate, errorRate, errorStatus, latencyMs, count, null);
        }
    }

    /**
     * @param rateLimitRate     share of posts answered 429 {@code rate_limited} with {@code Retry-After}
     * @param retryAfterSeconds the {@code Retry-After} value; default 1
     * @param errorRate         share of posts answered 500
     * @param latencyMs         added before every answer
     * @param count             most faults injected (absent: unlimited)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SlackFaults(Double rateLimitRate, Integer retryAfterSeconds, Double errorRate, Long latencyMs, Integer count) {
    }
}
