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

    /** Decides {@code group} and records its keys, as the notifier does once the notification is accepted. */
    private ComplianceDecision sent(ComplianceGroup<String> group) {
        ComplianceDecision d = ComplianceReports.decide(group, suppression, T0);
        sent.addAll(d.keysToRecord());
        return d;
    }

    @Test
    void shouldReportEveryProblemOfAScanInOneNotification() {
        ComplianceDecision d = ComplianceReports.decide(scan("s1",
                uncovered("d-1", "s1", "alice"),
                finding("d-1", "s1", OwnerKind.SPACE, "team-a", true, false, false),
                finding("d-1", "s1", OwnerKind.USER_PROFILE, "bob", true, true, true)), suppression, T0);

        Notification n = d.notification().orElseThrow();
        assertThat(n.kind()).isEqualTo(NotificationKind.COMPLIANCE);
        assertThat(n.id()).startsWith("compliance|d-1|s1|");
        assertThat(n.compliance().items()).extracting(ComplianceItem::owner).containsExactly("alice", "team-a");
        assertThat(n.compliance().items().get(1).problems())
                .containsExactly(Problem.NO_LIFECYCLE_CONFIG, Problem.IDLE_SHUTDOWN_OFF);
        assertThat(n.compliance().uncoveredUserProfiles()).containsExactly("alice");
        assertThat(d.keysToRecord()).hasSize(3);
    }

    @Test
    void shouldNotRepeatAProblemReportedWithinTheWindow() {
        sent(scan("s1", uncovered("d-1", "s1", "alice")));

        ComplianceDecision second = ComplianceReports.decide(scan("s2", uncovered("d-1", "s2", "alice"),
                uncovered("d-1", "s2", "bob")), suppression, T0);

        ComplianceReport report = second.notification().orElseThrow().compliance();
        assertThat(report.items()).extracting(ComplianceItem::owner).containsExactly("bob");
        assertThat(report.alreadyReported()).isEqualTo(1);
        assertThat(report.uncoveredUserProfiles()).containsExactly("alice", "bob");
    }

    @Test
    void shouldSendNothingWhenEverythingWasReportedAlready() {
        sent(scan("s1", uncovered("d-1", "s1", "alice")));

        ComplianceDecision again = ComplianceReports.decide(scan("s2", uncovered("d-1", "s2", "alice")),
                suppression, T0);

        assertThat(again.notification()).isEmpty();
    }

    @Test
    void shouldForgetAFixedProblemSoARelapseIsReportedAtOnce() {
        sent(scan("s1", uncovered("d-1", "s1", "alice")));

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

    @Test
    void shouldMakeEachCoverageChangeOfOneSourceANotificationOfItsOwn() {
        // given a source lost, restored and lost again, each change grouped under the same scan id
        ComplianceGroup<String> lost = new ComplianceGroup<>("d-1", "coverage/x", true, null,
                List.of(coverage("d-1", "c1", "alice", true)), List.of());
        ComplianceGroup<String> restored = new ComplianceGroup<>("d-1", "coverage/x", true, null,
                List.of(coverage("d-1", "c2", "alice", false)), List.of());
        ComplianceGroup<String> lostAgain = new ComplianceGroup<>("d-1", "coverage/x", true, null,
                List.of(coverage("d-1", "c3", "alice", true)), List.of());

        // when each is decided after the one before was sent
        List<String> ids = new java.util.ArrayList<>();
        for (ComplianceGroup<String> g : List.of(lost, restored, lostAgain)) {
            ids.add(sent(g).notification().orElseThrow().id());
        }

        // then three notifications that cannot be taken for one another
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void shouldReportFindingsThatArriveAfterTheirScanWasSent() {
        // given a scan's first group sent
        ComplianceDecision first = sent(scan("s1", uncovered("d-1", "s1", "alice")));

        // when a late finding of the same scan makes a second group
        ComplianceDecision late = ComplianceReports.decide(scan("s1", uncovered("d-1", "s1", "alice"),
                uncovered("d-1", "s1", "bob")), suppression, T0);

        // then it is a notification of its own, naming only what is new
        Notification n = late.notification().orElseThrow();
        assertThat(n.id()).isNotEqualTo(first.notification().orElseThrow().id());
        assertThat(n.compliance().items()).extracting(ComplianceItem::owner).containsExactly("bob");
    }

    @Test
    void shouldGiveAReplayedGroupTheSameId() {
        // given a group decided, and the same group decided again before its keys were recorded (a crash)
        ComplianceGroup<String> g = scan("s1", uncovered("d-1", "s1", "alice"), uncovered("d-1", "s1", "bob"));
        Notification once = ComplianceReports.decide(g, suppression, T0).notification().orElseThrow();
        Notification again = ComplianceReports.decide(g, suppression, T0.plusSeconds(5)).notification()
                .orElseThrow();

        // then the id is the same, so the acceptor and the channels recognise it
        assertThat(again.id()).isEqualTo(once.id());
    }

    @Test
    void shouldGiveACoverageGroupTheSameIdWhateverTheOrderItsChangesArrivedIn() {
        // given two sources' changes, replayed in the other order (they travel on different partitions)
        ComplianceGroup<String> once = new ComplianceGroup<>("d-1", "coverage/c1", true, null,
                List.of(coverage("d-1", "c1", "alice", true), coverage("d-1", "c2", "bob", true)), List.of());
        ComplianceGroup<String> replayed = new ComplianceGroup<>("d-1", "coverage/c2", true, null,
                List.of(coverage("d-1", "c2", "bob", true), coverage("d-1", "c1", "alice", true)), List.of());

        // then both are the same notification
        assertThat(ComplianceReports.decide(replayed, suppression, T0).notification().orElseThrow().id())
                .isEqualTo(ComplianceReports.decide(once, suppression, T0).notification().orElseThrow().id());
    }
}
