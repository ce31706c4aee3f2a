package dev.sundown.events;

import java.time.Instant;

/**
 * One per domain and scan.
 *
 * @param complete false when some pages or profiles could not be read: then the counts are a lower bound
 */
public record ComplianceSummary(String scanId, String domainId, int userProfiles, int spaces, int covered,
                                int notCovered, int withoutLifecycleConfig, int withoutIdleShutdown,
                                boolean complete, Instant scannedAt) implements EventData {
    public ComplianceSummary {
        Require.text(scanId, "scanId");
        Require.text(domainId, "domainId");
        Require.present(scannedAt, "scannedAt");
    }

    @Override
    public String subject() {
        return domainId;
    }
}
