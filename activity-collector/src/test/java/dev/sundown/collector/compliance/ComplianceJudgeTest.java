package dev.sundown.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.poll.ReadFailure;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.DomainView;
import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.collector.studio.DomainView.OwnerView;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceJudgeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static OwnerView profile(String name, Map<String, String> tags, boolean lcc, boolean idle) {
        return new OwnerView(OwnerKind.USER_PROFILE, name, "InService", name, tags, lcc, idle);
    }

    private static AppView server(String owner, String status) {
        return new AppView(OwnerKind.USER_PROFILE, owner, "JupyterServer", "default", status, "system", null, NOW,
                null, null, Map.of());
    }

    @Test
    void shouldJudgeEveryOwnerAndSummariseTheDomain() {
        DomainView view = new DomainView("d-1", List.of(
                profile("seen", Map.of(), true, true),
                profile("stale", Map.of(), false, true),
                profile("stopped", Map.of(), true, false),
                profile("locked", Map.of(), true, true),
                profile("exempt", Map.of("sundown:exempt", "true"), true, true),
                profile("pushed", Map.of(), false, false),
                new OwnerView(OwnerKind.SPACE, "team", "InService", "seen", Map.of(), true, true)),
                List.of(server("seen", "InService"), server("stale", "InService"), server("stopped", "Deleted"),
                        server("locked", "InService"), server("exempt", "InService")), List.of(), NOW);
        Map<String, ObservationLedger.Entry> ledger = Map.of(
                "studio/d-1/seen", new ObservationLedger.Entry(NOW.minusSeconds(30), NOW.minusSeconds(30), null, null),
                "studio/d-1/stale", new ObservationLedger.Entry(NOW.minusSeconds(3600), NOW.minusSeconds(3600), null,
                        null),
                "studio/d-1/locked", new ObservationLedger.Entry(null, NOW, ReadFailure.Kind.LOGIN_FAILED,
                        "login failed: HTTP 403"),
                "studio/d-1/exempt", new ObservationLedger.Entry(NOW, NOW, null, null));

        List<OutgoingEvent> events = ComplianceJudge.judge("scan-1", view, true,
                s -> Optional.ofNullable(ledger.get(s)),
                owner -> owner.equals("d-1/pushed") ? NOW.minusSeconds(10) : null, WINDOW, NOW);

        assertThat(events).allMatch(e -> e.topic() == Topics.COMPLIANCE);
        Map<String, ComplianceFinding> byOwner = new java.util.HashMap<>();
        events.stream().filter(e -> e.data() instanceof ComplianceFinding)
                .forEach(e -> byOwner.put(e.key(), (ComplianceFinding) e.data()));
        assertThat(byOwner.get("d-1/seen").covered()).isTrue();
        assertThat(byOwner.get("d-1/seen").reasons()).isEmpty();
        assertThat(byOwner.get("d-1/stale").reasons()).containsExactly(ComplianceJudge.STALE);
        assertThat(byOwner.get("d-1/stale").lifecycleConfigAttached()).isFalse();
        assertThat(byOwner.get("d-1/stopped").reasons()).containsExactly(ComplianceJudge.NOT_IN_SERVICE);
        assertThat(byOwner.get("d-1/locked").reasons())
                .containsExactly(ComplianceJudge.LOGIN_FAILED, "login failed: HTTP 403");
        assertThat(byOwner.get("d-1/exempt").covered()).isFalse();
        assertThat(byOwner.get("d-1/exempt").reasons()).containsExactly(ComplianceJudge.EXCLUDED);
        assertThat(byOwner.get("d-1/pushed").covered()).isTrue();
        assertThat(byOwner.get("d-1/team").ownerKind()).isEqualTo(OwnerKind.SPACE);
        assertThat(byOwner.get("d-1/team").reasons()).containsExactly(ComplianceJudge.NOT_IN_SERVICE);

        OutgoingEvent last = events.get(events.size() - 1);
        assertThat(last.key()).isEqualTo("d-1");
        ComplianceSummary summary = (ComplianceSummary) last.data();
        assertThat(summary).isEqualTo(new ComplianceSummary("scan-1", "d-1", 6, 1, 2, 5, 2, 2, true, NOW));
    }

    @Test
    void shouldNameTheSameFindingForTheSameScanAndOwner() {
        assertThat(ComplianceJudge.findingId("scan-1", "d-1/a")).hasSize(32)
                .isEqualTo(ComplianceJudge.findingId("scan-1", "d-1/a"))
                .isNotEqualTo(ComplianceJudge.findingId("scan-2", "d-1/a"));
    }
}
