package dev.sundown.evaluator.domain;

import java.time.Instant;

/**
 * What was already sent for one resource in one idle period (identified by its {@code idleSince}).
 */
public record Issued(Instant idleSince, Instant warnedAt, Instant commandedAt, String commandId) {

    boolean samePeriod(Instant since) {
        return idleSince.equals(since);
    }
}
