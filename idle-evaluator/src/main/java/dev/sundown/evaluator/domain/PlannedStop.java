package dev.sundown.evaluator.domain;

import dev.sundown.events.ResourceRef;
import java.time.Instant;

/**
 * A resource that will stop if nothing changes.
 *
 * @param idleSince    start of its idle period (the id of the period)
 * @param lastActivity newest real activity seen (may be older than idleSince after a coverage gap)
 * @param deadline     idleSince + limit
 * @param commandAt    when the command goes out: the deadline, or later when the warning went out late
 * @param next         what happens next: {@code warn}, {@code command} or {@code done}
 * @param nextAt       when that happens; null when done
 */
public record PlannedStop(ResourceRef resource, Instant idleSince, Instant lastActivity, Instant deadline,
                          Instant commandAt, String next, Instant nextAt, String reason, double hourlyCost) {
}
