package dev.sundown.notifier.domain;

import dev.sundown.events.ComplianceSummary;
import java.util.List;

/**
 * What one domain scan (or one burst of coverage changes) tells the admins.
 *
 * @param summary              the scan's counts; null when it did not arrive in time or for coverage changes
 * @param items                findings not already reported within the suppression window
 * @param alreadyReported      findings with problems left out because they were reported within the window
 * @param uncoveredUserProfiles every user profile of the scan that is not covered, for the legacy SNS body
 */
public record ComplianceReport(String domainId, String scanId, ComplianceSummary summary, List<ComplianceItem> items,
                               int alreadyReported, List<String> uncoveredUserProfiles) {
    public ComplianceReport {
        items = List.copyOf(items);
        uncoveredUserProfiles = List.copyOf(uncoveredUserProfiles);
    }
}
