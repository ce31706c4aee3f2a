package dev.sundown.evaluator.streams;

import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import java.time.Duration;

/**
 * What the topology needs besides the Kafka Streams configuration.
 *
 * @param punctuationInterval how often (wall clock) the deadline index is scanned for what is due
 */
public record EvaluatorSettings(IdleRules rules, PolicyResolver resolver, Duration punctuationInterval) {
}
