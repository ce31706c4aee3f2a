package dev.sundown.notifier.domain;

import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import java.util.List;

/**
 * Findings (and the summary, when it came) that make one message, with the handles to acknowledge once it is
 * passed on.
 *
 * @param scanId   the scan's id, or for coverage changes the id of the first change in the group
 * @param coverage true for a group of COVERAGE_LOST/RESTORED findings
 * @param summary  null when no summary arrived (coverage changes, or a scan whose summary is late)
 */
public record ComplianceGroup<A>(String domainId, String scanId, boolean coverage, ComplianceSummary summary,
                                 List<ComplianceFinding> findings, List<A> acks) {
    public ComplianceGroup {
        findings = List.copyOf(findings);
        acks = List.copyOf(acks);
    }
}
