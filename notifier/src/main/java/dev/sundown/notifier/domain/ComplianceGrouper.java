package dev.sundown.notifier.domain;

import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.FindingKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers compliance findings into one group per domain and scan, so admins get one message per scan rather
 * than one per profile. Findings and summaries travel on different partitions, so either may come first.
 *
 * <p>A scan group is ready when its summary has arrived and either every profile and space it counts has a
 * finding or nothing new arrived for {@code settle}; a group whose summary never comes is released after
 * {@code maxWait}. Coverage changes (lost/restored) are urgent: they are gathered per domain for
 * {@code coverageLinger} only, so a burst of stale sources makes one message.
 *
 * @param <A> the handle that acknowledges an input record once its group is passed on
 */
public final class ComplianceGrouper<A> {

    private record Key(String domainId, String scanId, boolean coverage) {
    }

    private static final class Open<A> {
        ComplianceSummary summary;
        final Map<String, ComplianceFinding> findings = new LinkedHashMap<>();
        final List<A> acks = new ArrayList<>();
        final Instant firstSeen;
        Instant lastSeen;
        String firstScanId;

        Open(Instant now) {
            this.firstSeen = now;
            this.lastSeen = now;
        }
    }

    private final Duration settle;
    private final Duration maxWait;
    private final Duration coverageLinger;
    private final Map<Key, Open<A>> open = new LinkedHashMap<>();

    public ComplianceGrouper(Duration settle, Duration maxWait, Duration coverageLinger) {
        this.settle = settle;
        this.maxWait = maxWait;
        this.coverageLinger = coverageLinger;
    }

    public synchronized void add(ComplianceFinding finding, A ack, Instant now) {
        boolean coverage = finding.kind() != FindingKind.SCAN;
        Key key = new Key(finding.domainId(), coverage ? "" : finding.scanId(), coverage);
        Open<A> group = open.computeIfAbsent(key, k -> new Open<>(now));
        if (group.firstScanId == null) {
            group.firstScanId = finding.scanId();
        }
        group.findings.put(finding.findingId(), finding);
        group.acks.add(ack);
        group.lastSeen = now;
    }

    public synchronized void add(ComplianceSummary summary, A ack, Instant now) {
        Open<A> group = open.computeIfAbsent(new Key(summary.domainId(), summary.scanId(), false), k -> new Open<>(now));
        group.firstScanId = summary.scanId();
        group.summary = summary;
        group.acks.add(ack);
        group.lastSeen = now;
    }

    /** Removes and returns the groups that are ready at {@code now}. */
    public synchronized List<ComplianceGroup<A>> takeReady(Instant now) {
        List<ComplianceGroup<A>> ready = new ArrayList<>();
        Iterator<Map.Entry<Key, Open<A>>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Open<A>> e = it.next();
            if (isReady(e.getKey(), e.getValue(), now)) {
                ready.add(close(e.getKey(), e.getValue()));
                it.remove();
            }
        }
        return ready;
    }

    /** Removes and returns every open group, e.g. at shutdown. */
    public synchronized List<ComplianceGroup<A>> takeAll() {
        List<ComplianceGroup<A>> all = new ArrayList<>();
        open.forEach((k, g) -> all.add(close(k, g)));
        open.clear();
        return all;
    }

    public synchronized int openGroups() {
        return open.size();
    }

    private boolean isReady(Key key, Open<A> group, Instant now) {
        if (key.coverage()) {
            return !now.isBefore(group.firstSeen.plus(coverageLinger));
        }
        if (!now.isBefore(group.firstSeen.plus(maxWait))) {
            return true;
        }
        if (group.summary == null) {
            return false;
        }
        int expected = group.summary.userProfiles() + group.summary.spaces();
        return (expected > 0 && group.findings.size() >= expected) || !now.isBefore(group.lastSeen.plus(settle));
    }

    private ComplianceGroup<A> close(Key key, Open<A> group) {
        return new ComplianceGroup<>(key.domainId(), group.firstScanId, key.coverage(), group.summary,
                new ArrayList<>(group.findings.values()), group.acks);
    }
}
