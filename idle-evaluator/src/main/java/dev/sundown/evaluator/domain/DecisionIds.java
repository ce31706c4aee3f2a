package dev.sundown.evaluator.domain;

import dev.sundown.events.Ids;
import java.time.Instant;

/** Deterministic ids: the same resource and idle period always give the same id, so replays are harmless. */
public final class DecisionIds {

    private DecisionIds() {
    }

    /** First 32 hex characters of SHA-256 of {@code appKey|resource|idleSince}. */
    public static String commandId(String appKey, String resource, Instant idleSince) {
        return Ids.digest(appKey + "|" + resource + "|" + idleSince, 32);
    }

    /** Same as the command id with the prefix {@code warn|}. */
    public static String noticeId(String appKey, String resource, Instant idleSince) {
        return Ids.digest("warn|" + appKey + "|" + resource + "|" + idleSince, 32);
    }
}
