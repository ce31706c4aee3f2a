package dev.sundown.events;

import java.time.Instant;
import java.util.List;

/**
 * Coverage and settings of one user profile, space or Jupyter target.
 *
 * @param findingId               deterministic per scan (or per coverage change) and owner
 * @param scanId                  the scan this belongs to; for COVERAGE_LOST/RESTORED the evaluator's id of the change
 * @param domainId                Studio domain, or {@code jupyter} for a static target
 * @param covered                 observed by Sundown within the staleness window
 * @param reasons                 why not covered, e.g. {@code server unreachable}, {@code login failed}
 * @param lifecycleConfigAttached null when not applicable (a static target)
 * @param idleShutdownEnabled     SageMaker's built-in idle shutdown; null when not applicable
 * @param lastObservedAt          last successful observation, null when never
 */
public record ComplianceFinding(String findingId, String scanId, FindingKind kind, String domainId,
                                OwnerKind ownerKind, String owner, boolean covered, List<String> reasons,
                                Boolean lifecycleConfigAttached, Boolean idleShutdownEnabled,
                                Instant lastObservedAt, Instant detectedAt) implements EventData {
    public ComplianceFinding {
        Require.text(findingId, "findingId");
        Require.text(scanId, "scanId");
        Require.present(kind, "kind");
        Require.text(domainId, "domainId");
        Require.present(ownerKind, "ownerKind");
        Require.text(owner, "owner");
        reasons = Require.listOrEmpty(reasons);
        Require.present(detectedAt, "detectedAt");
    }

    @Override
    public String subject() {
        return domainId + "/" + owner;
    }
}
