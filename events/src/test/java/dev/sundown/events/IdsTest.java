package dev.sundown.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void shouldNameACoverageChangeAsTheEvaluatorDidInARecordedRun() {
        // the flaky server's loss in an end-to-end run: its finding on sundown.compliance.v1 had this id
        String id = Ids.coverageFindingId(FindingKind.COVERAGE_LOST, "jupyter/flaky",
                Instant.parse("2026-11-28T23:09:40.770289062Z"));

        assertThat(id).isEqualTo("9b7f4ca343b0f8b31b708191012819cc");
        assertThat(Ids.coverageFindingId(FindingKind.COVERAGE_RESTORED, "jupyter/flaky",
                Instant.parse("2026-11-28T23:09:40.770289062Z"))).isNotEqualTo(id);
    }

    @Test
    void shouldCutTheDigestToTheLengthAsked() {
        assertThat(Ids.digest("scan-1|alice", 16)).hasSize(16).isEqualTo(Ids.digest("scan-1|alice", 32).substring(0, 16));
    }
}
