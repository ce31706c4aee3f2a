package dev.sundown.notifier.domain;

import java.util.Locale;

/** What a notification is about; also the SNS {@code kind} attribute and the key of a per-kind Slack webhook. */
public enum NotificationKind {
    /** Profiles and spaces of one domain scan that are not covered or lack settings. */
    COMPLIANCE,
    /** Sources that went stale or came back, reported by the evaluator. */
    COVERAGE,
    /** An app will be shut down unless it is used. */
    WARNING,
    /** A shutdown command failed after the executor's retries. */
    FAILURE,
    /** What was shut down, skipped and failed over a period, with the estimated savings. */
    DIGEST;

    /** Lower-case name used on the wire and in configuration keys. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
