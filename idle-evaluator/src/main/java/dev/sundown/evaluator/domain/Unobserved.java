package dev.sundown.evaluator.domain;

import java.time.Instant;

/** A source reported as unreadable, and when; cleared by any later successful observation. */
public record Unobserved(String reason, Instant at) {
}
