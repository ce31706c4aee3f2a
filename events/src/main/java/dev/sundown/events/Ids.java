package dev.sundown.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Deterministic ids: the same input always gives the same id, so a replay is recognised wherever it arrives. */
public final class Ids {

    private Ids() {
    }

    /** The first {@code chars} hex characters of the SHA-256 of {@code text} (UTF-8). */
    public static String digest(String text, int chars) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The {@code findingId} of a coverage change of one app ({@code COVERAGE_LOST}/{@code COVERAGE_RESTORED}): 32 hex
     * characters of SHA-256 of {@code coverage|<kind>|<appKey>|<since>}, where {@code since} is the finding's
     * {@code lastObservedAt}, or its {@code detectedAt} when the app was never observed.
     */
    public static String coverageFindingId(FindingKind kind, String appKey, Instant since) {
        return digest("coverage|" + kind.name() + "|" + appKey + "|" + since, 32);
    }
}
