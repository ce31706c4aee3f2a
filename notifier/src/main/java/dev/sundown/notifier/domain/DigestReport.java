package dev.sundown.notifier.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened over one period, from the shutdown results topic alone.
 *
 * @param from                 start of the period, inclusive
 * @param to                   end of the period, exclusive
 * @param skippedByOutcome     count of skipped commands per outcome wire name, e.g. {@code skipped-became-active}
 * @param savedPerHour         sum of {@code estimatedHourlyCost} of the {@code done} results, USD
 * @param entries              the results, shut down first (by cost, highest first), then skipped, then failed
 */
public record DigestReport(Instant from, Instant to, int shutDown, int alreadyGone, int skipped, int failed,
                           Map<String, Integer> skippedByOutcome, double savedPerHour, List<DigestEntry> entries) {
    public DigestReport {
        skippedByOutcome = Map.copyOf(skippedByOutcome);
        entries = List.copyOf(entries);
    }

    public double savedPerDay() {
        return savedPerHour * 24;
    }

    public int total() {
        return shutDown + alreadyGone + skipped + failed;
    }
}
