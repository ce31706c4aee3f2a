package dev.sundown.evaluator.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Deterministic ids: the same resource and idle period always give the same id, so replays are harmless. */
public final class DecisionIds {

    private DecisionIds() {
    }

    /** First 32 hex characters of SHA-256 of {@code appKey|resource|idleSince}. */
    public static String commandId(String appKey, String resource, Instant idleSince) {
        return hash(appKey + "|" + resource + "|" + idleSince);
    }

    /** Same as the command id with the prefix {@code warn|}. */
    public static String noticeId(String appKey, String resource, Instant idleSince) {
        return hash("warn|" + appKey + "|" + resource + "|" + idleSince);
    }

    /** Id of a coverage change of one app. */
    public static String findingId(String kind, String appKey, Instant since) {
        return hash("coverage|" + kind + "|" + appKey + "|" + since);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
