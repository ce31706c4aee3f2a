package dev.sundown.collector.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentDeletionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AppKey KG = AppKey.studio("d-1", "alice", AppType.KernelGateway, "kg-1");
    private static final AppKey SERVER = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");

    private final RecentDeletions deletions = new RecentDeletions(Duration.ofHours(1));

    @Test
    void shouldHoldBackFrontDoorNewsOfAnAppOlderThanItsDeletion() {
        // given alice's KernelGateway app announced Deleted at T0+10
        deletions.announced(List.of(deleted(KG)), T0.plusSeconds(10));

        // when a front-door read that began at T0+9, before the announcement, reports it InService with its server
        List<OutgoingEvent> late = deletions.observations(List.of(inService(KG, T0.plusSeconds(9)),
                inService(SERVER, T0.plusSeconds(9))), T0.plusSeconds(9));

        // then the deleted app's observation is left out, the server's kept
        assertThat(late).extracting(OutgoingEvent::key).containsExactly(SERVER.toString());

        // and a read that began after the announcement is passed on whole (the name was created again)
        assertThat(deletions.observations(List.of(inService(KG, T0.plusSeconds(11))), T0.plusSeconds(11)))
                .hasSize(1);
    }

    @Test
    void shouldNotReportADeletedAppUnobserved() {
        deletions.announced(List.of(deleted(KG)), T0);

        List<OutgoingEvent> reports = deletions.reports(List.of(unobserved(KG), unobserved(SERVER)));

        assertThat(reports).extracting(OutgoingEvent::key).containsExactly(SERVER.toString());
    }

    @Test
    void shouldForgetADeletionOnceTheNameIsListedLiveAgainOrAfterItsTime() {
        // given a deletion announced at T0, and the name listed live again by a later control-plane read
        deletions.announced(List.of(deleted(KG)), T0);
        deletions.live(List.of(KG));

        // then nothing of the new instance is held back
        assertThat(deletions.observations(List.of(inService(KG, T0.minusSeconds(1))), T0.minusSeconds(1)))
                .hasSize(1);
        assertThat(deletions.reports(List.of(unobserved(KG)))).hasSize(1);

        // and a deletion older than the time kept is forgotten at the next announcement
        deletions.announced(List.of(deleted(KG)), T0);
        deletions.announced(List.of(), T0.plus(Duration.ofHours(2)));
        assertThat(deletions.reports(List.of(unobserved(KG)))).hasSize(1);
    }

    private static OutgoingEvent deleted(AppKey key) {
        return new OutgoingEvent(Topics.APP_ACTIVITY, key.toString(), new AppObserved(key, "sagemaker/d-1",
                OwnerKind.USER_PROFILE, "Deleted", null, null, T0, null, null, null, null, Map.of(), T0));
    }

    private static OutgoingEvent inService(AppKey key, Instant at) {
        return new OutgoingEvent(Topics.APP_ACTIVITY, key.toString(), new AppObserved(key, "studio/d-1/alice",
                OwnerKind.USER_PROFILE, "InService", null, null, null, null, null, List.of(), List.of(), Map.of(),
                at));
    }

    private static OutgoingEvent unobserved(AppKey key) {
        return new OutgoingEvent(Topics.APP_ACTIVITY, key.toString(), new SourceUnobserved(key, "studio/d-1/alice",
                "timeout", T0, T0.plusSeconds(5)));
    }
}
