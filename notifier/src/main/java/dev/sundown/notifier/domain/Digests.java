package dev.sundown.notifier.domain;

import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the results digest of a period. */
public final class Digests {

    private Digests() {
    }

    /** Start of the period of length {@code period} (aligned to the epoch, UTC) that contains {@code t}. */
    public static Instant periodStart(Instant t, Duration period) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), p) * p);
    }

    /**
     * The digest of the results acted on in {@code [from, to)}. A command seen more than once (a replay) counts
     * once, with its last result.
     */
    public static DigestReport build(Instant from, Instant to, Collection<ShutdownResult> results) {
        Map<String, ShutdownResult> byCommand = new LinkedHashMap<>();
        for (ShutdownResult r : results) {
            if (!r.actedAt().isBefore(from) && r.actedAt().isBefore(to)) {
                byCommand.put(r.commandId(), r);
            }
        }
        int shutDown = 0;
        int gone = 0;
        int skipped = 0;
        int failed = 0;
        double savedPerHour = 0;
        Map<String, Integer> skippedBy = new TreeMap<>();
        List<DigestEntry> entries = new ArrayList<>();
        for (ShutdownResult r : byCommand.values()) {
            switch (r.outcome()) {
                case DONE -> {
                    shutDown++;
                    savedPerHour += Math.max(0, r.estimatedHourlyCost());
                }
                case ALREADY_GONE -> gone++;
                case FAILED -> failed++;
                default -> {
                    skipped++;
                    skippedBy.merge(r.outcome().wire(), 1, Integer::sum);
                }
            }
            entries.add(new DigestEntry(r.appKey().toString(), r.resource().toString(), r.outcome(), r.detail(),
                    r.instanceType(), r.estimatedHourlyCost()));
        }
        entries.sort(Comparator.comparingInt((DigestEntry e) -> order(e.outcome()))
                .thenComparing(Comparator.comparingDouble(DigestEntry::estimatedHourlyCost).reversed())
                .thenComparing(DigestEntry::appKey));
        return new DigestReport(from, to, shutDown, gone, skipped, failed, skippedBy, round(savedPerHour), entries);
    }

    private static int order(Outcome o) {
        return switch (o) {
            case DONE -> 0;
            case ALREADY_GONE -> 1;
            case FAILED -> 3;
            default -> 2;
        };
    }

    private static double round(double usd) {
        return Math.round(usd * 10000) / 10000.0;
    }
}
