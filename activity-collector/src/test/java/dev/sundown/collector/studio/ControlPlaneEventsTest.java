package dev.sundown.collector.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.collector.studio.DomainView.DeletedApp;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneEventsTest {

    private static final String DOMAIN = "d-1";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
    private static final AppKey ALICE_SERVER = AppKey.studio(DOMAIN, "alice", AppType.JupyterServer, "default");
    private static final AppKey ALICE_KG = AppKey.studio(DOMAIN, "alice", AppType.KernelGateway, "kg-ella");
    private static final AppKey BOB_KG = AppKey.studio(DOMAIN, "bob", AppType.KernelGateway, "kg-bob");

    @Test
    void shouldAnnounceAnAppThatWasLiveInThePreviousReadOnceAsDeleted() {
        DomainView before = view(List.of(live("alice", "JupyterServer", "default", "InService"),
                live("alice", "KernelGateway", "kg-ella", "InService")), List.of());
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "KernelGateway", "kg-ella")));

        List<OutgoingEvent> events = ControlPlaneEvents.deleted(after, ControlPlaneEvents.liveKeys(before), NOW);

        assertThat(events).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString());
        assertThat(events).extracting(e -> e.topic().name()).containsExactly(Topics.APP_ACTIVITY.name());
        assertThat(events).extracting(OutgoingEvent::data).containsExactly(new AppObserved(ALICE_KG, "sagemaker/d-1",
                OwnerKind.USER_PROFILE, "Deleted", null, null, CREATED, null, null, null, null, Map.of(), NOW));
    }

    @Test
    void shouldNotRepeatADeletedAppThatIsStillListedOnTheNextReads() {
        DomainView live = view(List.of(live("alice", "KernelGateway", "kg-ella", "Deleting")), List.of());
        DomainView gone = view(List.of(), List.of(deleted("alice", "KernelGateway", "kg-ella")));

        List<OutgoingEvent> first = ControlPlaneEvents.deleted(gone, ControlPlaneEvents.liveKeys(live), NOW);
        List<OutgoingEvent> second = ControlPlaneEvents.deleted(gone, ControlPlaneEvents.liveKeys(gone), NOW);
        List<OutgoingEvent> third = ControlPlaneEvents.deleted(gone, ControlPlaneEvents.liveKeys(gone), NOW);

        assertThat(first).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString());
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
    }

    @Test
    void shouldNeverAnnounceADeletedAppWhoseNameHasALiveAppInTheSameRead() {
        // JupyterServer/default deleted and recreated between two reads: ListApps shows both
        DomainView before = view(List.of(live("alice", "JupyterServer", "default", "InService")), List.of());
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "Pending")),
                List.of(deleted("alice", "JupyterServer", "default")));

        assertThat(ControlPlaneEvents.deleted(after, ControlPlaneEvents.liveKeys(before), NOW)).isEmpty();
        assertThat(ControlPlaneEvents.deleted(after, null, NOW)).isEmpty();
    }

    @Test
    void shouldAnnounceEveryDeletedAppWithoutALiveTwinOnTheFirstRead() {
        DomainView first = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "JupyterServer", "default"), deleted("alice", "KernelGateway", "kg-ella"),
                        deleted("alice", "KernelGateway", "kg-ella"), deleted("bob", "KernelGateway", "kg-bob")));

        List<OutgoingEvent> events = ControlPlaneEvents.deleted(first, null, NOW);

        assertThat(events).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString(), BOB_KG.toString());
        assertThat(events).extracting(e -> ((AppObserved) e.data()).status()).containsOnly("Deleted");
    }

    @Test
    void shouldAnnounceNothingForAnAppThatVanishedFromTheListing() {
        DomainView before = view(List.of(live("alice", "JupyterServer", "default", "InService"),
                live("bob", "KernelGateway", "kg-bob", "InService")), List.of());
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "InService")), List.of());

        assertThat(ControlPlaneEvents.deleted(after, ControlPlaneEvents.liveKeys(before), NOW)).isEmpty();
    }

    @Test
    void shouldAnnounceNothingForADeletedAppThatWasNotLiveInThePreviousRead() {
        // created and deleted between two reads: never announced live, so nothing to take back
        DomainView before = view(List.of(live("alice", "JupyterServer", "default", "InService")), List.of());
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("bob", "KernelGateway", "kg-bob")));

        assertThat(ControlPlaneEvents.deleted(after, ControlPlaneEvents.liveKeys(before), NOW)).isEmpty();
    }

    @Test
    void shouldPublishOnlyLiveAppsAsTheirOwnObservations() {
        DomainView read = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "KernelGateway", "kg-ella")));

        assertThat(ControlPlaneEvents.of(read, NOW)).extracting(OutgoingEvent::key)
                .containsExactly(ALICE_SERVER.toString());
        assertThat(ControlPlaneEvents.liveKeys(read)).containsExactly(ALICE_SERVER);
    }

    private static DomainView view(List<AppView> apps, List<DeletedApp> deleted) {
        return new DomainView(DOMAIN, List.of(), apps, deleted, NOW);
    }

    private static AppView live(String owner, String type, String name, String status) {
        return new AppView(OwnerKind.USER_PROFILE, owner, type, name, status, "ml.t3.medium", null, CREATED, null,
                null, Map.of());
    }

    private static DeletedApp deleted(String owner, String type, String name) {
        return new DeletedApp(OwnerKind.USER_PROFILE, owner, type, name, CREATED);
    }
}
