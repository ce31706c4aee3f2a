package dev.sundown.notifier;

import static dev.sundown.notifier.Fixtures.T0;

import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownResult;
import dev.sundown.notifier.domain.ComplianceGroup;
import dev.sundown.notifier.domain.ComplianceReports;
import dev.sundown.notifier.domain.Digests;
import dev.sundown.notifier.domain.Notification;
import dev.sundown.notifier.domain.Recipient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One notification of every kind, small and huge, for rendering tests. */
public final class Notifications {

    private Notifications() {
    }

    public static Notification compliance(int uncovered) {
        List<ComplianceFinding> findings = new ArrayList<>();
        for (int i = 0; i < uncovered; i++) {
            findings.add(Fixtures.uncovered("d-abc123", "s1", String.format("user-%05d-\u00e9t\u00e9", i)));
        }
        ComplianceGroup<String> g = new ComplianceGroup<>("d-abc123", "s1", false,
                Fixtures.summary("d-abc123", "s1", uncovered + 10, 2, 12), findings, List.of());
        return ComplianceReports.decide(g, key -> false, T0).notification().orElseThrow();
    }

    public static Notification coverage(int sources) {
        List<ComplianceFinding> findings = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            findings.add(Fixtures.coverage("d-abc123", "c" + i, "user-" + i, i % 3 != 0));
        }
        ComplianceGroup<String> g = new ComplianceGroup<>("d-abc123", "c0", true, null, findings, List.of());
        return ComplianceReports.decide(g, key -> false, T0).notification().orElseThrow();
    }

    public static Notification warning(String slackUser) {
        return Notification.warning(Fixtures.warning("n1", "alice", slackUser),
                new Recipient("alice", slackUser, null, null), T0);
    }

    public static Notification failure(int detailChars) {
        ShutdownResult r = Fixtures.result("c1", "alice", Outcome.FAILED, 0.736, T0);
        ShutdownResult longDetail = new ShutdownResult(r.commandId(), r.appKey(), r.resource(), r.outcome(),
                "x<&>".repeat(detailChars / 4), r.reason(), r.policy(), r.decidedAt(), r.actedAt(), 5,
                r.instanceType(), r.estimatedHourlyCost());
        return Notification.failure(longDetail, T0);
    }

    public static Notification digest(int results) {
        List<ShutdownResult> rs = new ArrayList<>();
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < results; i++) {
            rs.add(Fixtures.result("c" + i, "user-" + i, outcomes[i % outcomes.length], 0.05 * (i % 7),
                    T0.minusSeconds(60 + i)));
        }
        return Notification.digest(Digests.build(T0.minus(Duration.ofDays(1)), T0, rs), null, T0);
    }

    public static List<Notification> everyKind(boolean huge) {
        return huge
                ? List.of(compliance(20_000), coverage(3_000), warning("U012ABC"), failure(20_000), digest(10_000))
                : List.of(compliance(2), coverage(2), warning("U012ABC"), warning(null), failure(40), digest(5));
    }
}
