package dev.sundown.notifier;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.FindingKind;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyInForce;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Events as the other services write them. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private Fixtures() {
    }

    public static ComplianceFinding uncovered(String domain, String scan, String profile) {
        return new ComplianceFinding(scan + "-" + profile, scan, FindingKind.SCAN, domain, OwnerKind.USER_PROFILE,
                profile, false, List.of("server unreachable"), true, true, null, T0);
    }

    public static ComplianceFinding finding(String domain, String scan, OwnerKind kind, String owner, boolean covered,
                                            Boolean lifecycle, Boolean idleShutdown) {
        return new ComplianceFinding(scan + "-" + owner, scan, FindingKind.SCAN, domain, kind, owner, covered,
                covered ? List.of() : List.of("login failed"), lifecycle, idleShutdown,
                covered ? T0.minusSeconds(60) : null, T0);
    }

    public static ComplianceFinding coverage(String domain, String changeId, String owner, boolean lost) {
        return new ComplianceFinding(changeId, changeId, lost ? FindingKind.COVERAGE_LOST : FindingKind.COVERAGE_RESTORED,
                domain, OwnerKind.USER_PROFILE, owner, !lost, lost ? List.of("observations stale") : List.of(), null,
                null, T0.minusSeconds(600), T0);
    }

    public static ComplianceSummary summary(String domain, String scan, int profiles, int spaces, int covered) {
        int notCovered = profiles + spaces - covered;
        return new ComplianceSummary(scan, domain, profiles, spaces, covered, notCovered, 0, 0, true, T0);
    }

    public static ShutdownWarning warning(String noticeId, String owner, String contact) {
        AppKey key = AppKey.studio("d-abc123", owner, AppType.KernelGateway, "datascience-1-ml-g4dn-xlarge-abc");
        return new ShutdownWarning(noticeId, key, owner, contact,
                List.of(new ResourceRef(ResourceKind.APP, key.appName())), "ml.g4dn.xlarge",
                "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-gpu", T0.minusSeconds(6600),
                T0.plusSeconds(600), 0.736, false, T0);
    }

    public static ShutdownResult result(String commandId, String owner, Outcome outcome, double cost, Instant actedAt) {
        AppKey key = AppKey.studio("d-abc123", owner, AppType.KernelGateway, "app-" + commandId);
        return new ShutdownResult(commandId, key, new ResourceRef(ResourceKind.APP, key.appName()), outcome,
                outcome == Outcome.FAILED ? "DeleteApp: ThrottlingException after 5 attempts"
                        : outcome == Outcome.SKIPPED_BECAME_ACTIVE ? "kernel ran code at 10:02:11 after the decision"
                        : "deleted",
                "all 2 kernels idle for 120 min",
                new PolicyInForce(List.of("global"), Duration.ofMinutes(120), Duration.ofMinutes(10), false),
                actedAt.minusSeconds(5), actedAt, 1, "ml.g4dn.xlarge", cost);
    }
}
