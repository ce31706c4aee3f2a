package dev.sundown.notifier.domain;

import static dev.sundown.notifier.Fixtures.T0;
import static dev.sundown.notifier.Fixtures.coverage;
import static dev.sundown.notifier.Fixtures.summary;
import static dev.sundown.notifier.Fixtures.uncovered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceGrouperTest {

    private final ComplianceGrouper<String> grouper = new ComplianceGrouper<>(Duration.ofSeconds(10),
            Duration.ofMinutes(2), Duration.ofSeconds(5));

    @Test
    void shouldMakeOneGroupPerDomainAndScanOnceEveryProfileOfTheSummaryArrived() {
        // given: the summary first, then its three findings, and a finding of another scan
        grouper.add(summary("d-1", "s1", 3, 0, 1), "sum", T0);
        grouper.add(uncovered("d-1", "s1", "alice"), "a", T0);
        grouper.add(uncovered("d-1", "s1", "bob"), "b", T0);
        grouper.add(uncovered("d-2", "s9", "carol"), "c", T0);
        assertThat(grouper.takeReady(T0)).isEmpty();

        // when
        grouper.add(dev.sundown.notifier.Fixtures.finding("d-1", "s1", dev.sundown.events.OwnerKind.USER_PROFILE,
                "dave", true, true, true), "d", T0);
        List<ComplianceGroup<String>> ready = grouper.takeReady(T0);

        // then
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).domainId()).isEqualTo("d-1");
        assertThat(ready.get(0).scanId()).isEqualTo("s1");
        assertThat(ready.get(0).findings()).hasSize(3);
        assertThat(ready.get(0).acks()).containsExactlyInAnyOrder("sum", "a", "b", "d");
        assertThat(grouper.openGroups()).isEqualTo(1);
    }

    @Test
    void shouldWaitForLateFindingsOnlyForTheSettleTimeOnceTheSummaryCame() {
        grouper.add(uncovered("d-1", "s1", "alice"), "a", T0);
        grouper.add(summary("d-1", "s1", 50, 0, 49), "sum", T0.plusSeconds(1));

        assertThat(grouper.takeReady(T0.plusSeconds(10))).isEmpty();
        assertThat(grouper.takeReady(T0.plusSeconds(11))).singleElement()
                .satisfies(g -> assertThat(g.summary()).isNotNull());
    }

    @Test
    void shouldReleaseAScanWithoutSummaryAfterTheMaximumWait() {
        grouper.add(uncovered("d-1", "s1", "alice"), "a", T0);

        assertThat(grouper.takeReady(T0.plusSeconds(119))).isEmpty();
        assertThat(grouper.takeReady(T0.plusSeconds(120))).singleElement()
                .satisfies(g -> assertThat(g.summary()).isNull());
    }

    @Test
    void shouldGatherCoverageChangesOfOneDomainForTheLingerOnly() {
        grouper.add(coverage("d-1", "c1", "alice", true), "a", T0);
        grouper.add(coverage("d-1", "c2", "bob", true), "b", T0.plusSeconds(2));
        grouper.add(coverage("d-2", "c3", "carol", true), "c", T0.plusSeconds(2));

        List<ComplianceGroup<String>> ready = grouper.takeReady(T0.plusSeconds(5));

        assertThat(ready).singleElement().satisfies(g -> {
            assertThat(g.coverage()).isTrue();
            assertThat(g.domainId()).isEqualTo("d-1");
            assertThat(g.findings()).hasSize(2);
        });
    }

    @Test
    void shouldCountAReplayedFindingOnce() {
        grouper.add(uncovered("d-1", "s1", "alice"), "a1", T0);
        grouper.add(uncovered("d-1", "s1", "alice"), "a2", T0);
        grouper.add(summary("d-1", "s1", 1, 0, 0), "sum", T0);

        assertThat(grouper.takeReady(T0)).singleElement().satisfies(g -> {
            assertThat(g.findings()).hasSize(1);
            assertThat(g.acks()).containsExactlyInAnyOrder("a1", "a2", "sum");
        });
    }
}
