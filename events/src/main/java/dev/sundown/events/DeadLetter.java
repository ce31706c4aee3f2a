package dev.sundown.events;

import java.time.Instant;

/**
 * A record a service could not process, kept with the reason so nothing is lost.
 *
 * @param service          the service that gave up, e.g. {@code idle-evaluator}
 * @param sourceTopic      where the record came from (null for a rejected push or an undeliverable notification)
 * @param problem          a machine-readable class of failure, e.g. {@code NOT_JSON}, {@code RETRIES_EXHAUSTED}
 * @param reason           a human-readable reason; never contains a secret
 * @param payload          the original value as text (UTF-8, invalid bytes replaced), cut to
 *                         {@link #MAX_PAYLOAD_CHARS}
 * @param payloadTruncated true when the payload was cut
 */
public record DeadLetter(String service, String sourceTopic, Integer partition, Long offset, String key,
                         String problem, String reason, String payload, boolean payloadTruncated,
                         Instant failedAt) implements EventData {

    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    public DeadLetter {
        Require.text(service, "service");
        Require.text(problem, "problem");
        Require.text(reason, "reason");
        Require.present(failedAt, "failedAt");
        if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS);
            payloadTruncated = true;
        }
    }

    @Override
    public String subject() {
        return key != null ? key : sourceTopic != null ? sourceTopic : service;
    }
}
