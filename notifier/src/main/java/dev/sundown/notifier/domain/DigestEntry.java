package dev.sundown.notifier.domain;

import dev.sundown.events.Outcome;

/** One shutdown result as the digest shows it. */
public record DigestEntry(String appKey, String resource, Outcome outcome, String detail, String instanceType,
                          double estimatedHourlyCost) {
}
