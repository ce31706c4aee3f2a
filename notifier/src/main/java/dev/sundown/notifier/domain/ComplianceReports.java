package dev.sundown.notifier.domain;

import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.FindingKind;
import dev.sundown.events.OwnerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a compliance group into at most one notification, leaving out problems already reported within the
 * suppression window. A problem is remembered per domain, owner and problem, so an hourly scan does not repeat
 * yesterday's list; once a scan shows the problem fixed it is forgotten, so a relapse is reported at once.
 */
public final class ComplianceReports {

    private ComplianceReports() {
    }

    /** The problems a finding shows. */
    public static Set<Problem> problemsOf(ComplianceFinding f) {
        Set<Problem> problems = EnumSet.noneOf(Problem.class);
        switch (f.kind()) {
            case COVERAGE_LOST -> problems.add(Problem.COVERAGE_LOST);
            case COVERAGE_RESTORED -> problems.add(Problem.COVERAGE_RESTORED);
            case SCAN -> {
                if (!f.covered()) {
                    problems.add(Problem.NOT_COVERED);
                }
                if (Boolean.FALSE.equals(f.lifecycleConfigAttached())) {
                    problems.add(Problem.NO_LIFECYCLE_CONFIG);
                }
                if (Boolean.FALSE.equals(f.idleShutdownEnabled())) {
                    problems.add(Problem.IDLE_SHUTDOWN_OFF);
                }
            }
        }
        return problems;
    }

    /** The suppression key of one problem of one owner; coverage changes are keyed by their own id. */
    public static String suppressionKey(ComplianceFinding f, Problem problem) {
        if (f.kind() != FindingKind.SCAN) {
            return "finding|" + f.domainId() + "|" + f.findingId();
        }
        return "problem|" + f.domainId() + "|" + f.ownerKind() + "|" + f.owner() + "|" + problem;
    }

    public static <A> ComplianceDecision decide(ComplianceGroup<A> group, Suppression suppression, Instant now) {
        List<ComplianceItem> items = new ArrayList<>();
        List<String> record = new ArrayList<>();
        List<String> forget = new ArrayList<>();
        List<String> uncoveredProfiles = new ArrayList<>();
        int alreadyReported = 0;
        List<ComplianceFinding> findings = new ArrayList<>(group.findings());
        findings.sort(Comparator.comparing(ComplianceFinding::ownerKind).thenComparing(ComplianceFinding::owner));
        for (ComplianceFinding f : findings) {
            Set<Problem> problems = problemsOf(f);
            if (f.kind() == FindingKind.SCAN) {
                if (!f.covered() && f.ownerKind() == OwnerKind.USER_PROFILE) {
                    uncoveredProfiles.add(f.owner());
                }
                for (Problem fixed : EnumSet.of(Problem.NOT_COVERED, Problem.NO_LIFECYCLE_CONFIG,
                        Problem.IDLE_SHUTDOWN_OFF)) {
                    if (!problems.contains(fixed) && suppression.recentlySent(suppressionKey(f, fixed))) {
                        forget.add(suppressionKey(f, fixed));
                    }
                }
            }
            if (problems.isEmpty()) {
                continue;
            }
            List<String> fresh = problems.stream()
                    .map(p -> suppressionKey(f, p))
                    .filter(k -> !suppression.recentlySent(k))
                    .distinct()
                    .toList();
            if (fresh.isEmpty()) {
                alreadyReported++;
                continue;
            }
            record.addAll(fresh);
            items.add(new ComplianceItem(f.ownerKind(), f.owner(), List.copyOf(problems), f.reasons(),
                    f.lastObservedAt()));
        }
        if (items.isEmpty()) {
            return new ComplianceDecision(Optional.empty(), List.of(), forget);
        }
        ComplianceReport report = new ComplianceReport(group.domainId(), group.scanId(), group.summary(), items,
                alreadyReported, uncoveredProfiles);
        NotificationKind kind = group.coverage() ? NotificationKind.COVERAGE : NotificationKind.COMPLIANCE;
        boolean onlyRestored = items.stream()
                .allMatch(i -> i.problems().equals(List.of(Problem.COVERAGE_RESTORED)));
        Severity severity = onlyRestored ? Severity.INFO : Severity.WARNING;
        Notification n = Notification.compliance(kind, severity, report, record, now);
        return new ComplianceDecision(Optional.of(n), record, forget);
    }
}
