package dev.sundown.events;

import java.time.Instant;

/**
 * A source could not be read: its apps' clocks must freeze. Never to be read as idleness.
 *
 * @param reason         why, e.g. {@code timeout after 5s}, {@code HTTP 502}, {@code not JSON}; never a secret
 * @param lastObservedAt the last successful observation of this source, null when never
 * @param attemptedAt    when the failed attempt was made
 */
public record SourceUnobserved(AppKey appKey, String source, String reason, Instant lastObservedAt,
                               Instant attemptedAt) implements EventData {
    public SourceUnobserved {
        Require.present(appKey, "appKey");
        Require.text(source, "source");
        Require.text(reason, "reason");
        Require.present(attemptedAt, "attemptedAt");
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
