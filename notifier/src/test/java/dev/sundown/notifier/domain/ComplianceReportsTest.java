package dev.sundown.notifier.domain;

import static dev.sundown.notifier.Fixtures.T0;
import static dev.sundown.notifier.Fixtures.coverage;
import static dev.sundown.notifier.Fixtures.finding;
import static dev.sundown.notifier.Fixtures.summary;
import static dev.sundown.notifier.Fixtures.uncovered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.OwnerKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceReportsTest {

    private final Set<String> sent = new HashSet<>();
    private final Suppression suppression = sent::contains;

    private ComplianceGroup<String> scan(String scanId, dev.sundown.events.ComplianceFinding... findings) {
        return new ComplianceGroup<>("d-1", scanId, false, summary("d-1", scanId, 3, 1, 1), List.of(findings),
                List.of());
    }

    @Test
    void shouldReportEveryProblemOfAScanInOneNotification() {
        ComplianceDecision d = ComplianceReports.decide(scan("s1",
                uncovered("d-1", "s1", "alice"),
                finding("d-1", "s1", OwnerKind.SPACE, "team-a", true, false, false),
                finding("d-1", "s1", OwnerKind.USER_PROFILE, "bob", true, true, true)), suppression, T0);

        Notification n = d.notification().orElseThrow();
        assertThat(n.kind()).isEqualTo(NotificationKind.COMPLIANCE);
        assertThat(n.id()).isEqualTo("compliance|d-1|s1");
        assertThat(n.compliance().items()).extracting(ComplianceItem::owner).containsExactly("alice", "team-a");
        assertThat(n.compliance().items().get(1).problems())
                .containsExactly(Problem.NO_LIFECYCLE_CONFIG, Problem.IDLE_SHUTDOWN_OFF);
        assertThat(n.compliance().uncoveredUserProfiles()).containsExactly("alice");
        assertThat(d.keysToRecord()).hasSize(3);
    }

    @Test
    void shouldNotRepeatAProblemReportedWithinTheWindow() {
        ComplianceDecision first = ComplianceReports.decide(scan("s1", uncovered("d-1", "s1", "alice")),
                suppression, T0);
        sent.addAll(first.keysToRecord());

        ComplianceDecision second = ComplianceReports.decide(scan("s2", uncovered("d-1", "s2", "alice"),
                uncovered("d-1", "s2", "bob")), suppression, T0);

        ComplianceReport report = second.notification().orElseThrow().compliance();
        assertThat(report.items()).extracting(ComplianceItem::owner).containsExactly("bob");
        assertThat(report.alreadyReported()).isEqualTo(1);
        assertThat(report.uncoveredUserProfiles()).containsExactly("alice", "bob");
    }

    @Test
    void shouldSendNothingWhenEverythingWasReportedAlready() {
        sent.addAll(ComplianceReports.decide(scan("s1", uncovered("d-1", "s1", "alice")), suppression, T0)
                .keysToRecord());

        ComplianceDecision again = ComplianceReports.decide(scan("s2", uncovered("d-1", "s2", "alice")),
                suppression, T0);

        assertThat(again.notification()).isEmpty();
    }

    @Test
    void shouldForgetAFixedProblemSoARelapseIsReportedAtOnce() {
        sent.addAll(ComplianceReports.decide(scan("s1", uncovered("d-1", "s1", "alice")), suppression, T0)
                .keysToRecord());

        ComplianceDecision fixed = ComplianceReports.decide(scan("s2",
                finding("d-1", "s2", OwnerKind.USER_PROFILE, "alice", true, true, true)), suppression, T0);

        assertThat(fixed.notification()).isEmpty();
        assertThat(fixed.keysToForget()).containsExactly("problem|d-1|USER_PROFILE|alice|NOT_COVERED");
    }

    @Test
    void shouldReportCoverageChangesWithSeverityByDirection() {
        ComplianceGroup<String> lost = new ComplianceGroup<>("d-1", "c1", true, null,
                List.of(coverage("d-1", "c1", "alice", true)), List.of());
        ComplianceGroup<String> restored = new ComplianceGroup<>("d-1", "c2", true, null,
                List.of(coverage("d-1", "c2", "alice", false)), List.of());

        Notification l = ComplianceReports.decide(lost, suppression, T0).notification().orElseThrow();
        Notification r = ComplianceReports.decide(restored, suppression, T0).notification().orElseThrow();

        assertThat(l.kind()).isEqualTo(NotificationKind.COVERAGE);
        assertThat(l.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.severity()).isEqualTo(Severity.INFO);
        assertThat(Composer.compose(l).title()).isEqualTo("Coverage lost: 1 source in d-1");
    }
}
