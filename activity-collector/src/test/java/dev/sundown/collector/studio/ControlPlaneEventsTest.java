package dev.sundown.collector.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.ControlPlaneEvents.Deletion;
import dev.sundown.collector.studio.ControlPlaneEvents.Deletions;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlPlaneEventsTest {

    private static final String DOMAIN = "d-1";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
    private static final AppKey ALICE_SERVER = AppKey.studio(DOMAIN, "alice", AppType.JupyterServer, "default");
    private static final AppKey ALICE_KG = AppKey.studio(DOMAIN, "alice", AppType.KernelGateway, "kg-ella");
    private static final AppKey BOB_KG = AppKey.studio(DOMAIN, "bob", AppType.KernelGateway, "kg-bob");

    @Test
    void shouldAnnounceADeletedAppOnceAsDeleted() {
        // given a read that lists alice's KernelGateway app as Deleted, nothing announced yet
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED)));

        // when its deletions are worked out
        Deletions d = ControlPlaneEvents.deleted(after, Set.of(), NOW);

        // then one AppObserved says it is Deleted, from the control plane, with the deleted instance's creation time
        assertThat(d.events()).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString());
        assertThat(d.events()).extracting(e -> e.topic().name()).containsExactly(Topics.APP_ACTIVITY.name());
        assertThat(d.events()).extracting(OutgoingEvent::data).containsExactly(new AppObserved(ALICE_KG,
                "sagemaker/d-1", OwnerKind.USER_PROFILE, "Deleted", null, null, CREATED, null, null, null, null,
                Map.of(), NOW));
        assertThat(d.listed()).containsExactly(new Deletion(ALICE_KG, CREATED));
    }

    @Test
    void shouldNotRepeatADeletedAppThatIsStillListedOnTheNextReads() {
        DomainView gone = view(List.of(), List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED)));

        Deletions first = ControlPlaneEvents.deleted(gone, Set.of(), NOW);
        Deletions second = ControlPlaneEvents.deleted(gone, first.listed(), NOW);
        Deletions third = ControlPlaneEvents.deleted(gone, second.listed(), NOW);

        assertThat(first.events()).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString());
        assertThat(second.events()).isEmpty();
        assertThat(third.events()).isEmpty();
    }

    @Test
    void shouldOfferADeletionAgainUntilItWasPublished() {
        // given a read whose events could not be published, so nothing was recorded as announced
        DomainView gone = view(List.of(), List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED)));
        ControlPlaneEvents.deleted(gone, Set.of(), NOW);

        // then the next read offers the deletion again
        assertThat(ControlPlaneEvents.deleted(gone, Set.of(), NOW).events()).extracting(OutgoingEvent::key)
                .containsExactly(ALICE_KG.toString());
    }

    @Test
    void shouldNeverAnnounceADeletedAppWhoseNameHasALiveAppInTheSameRead() {
        // JupyterServer/default deleted and recreated between two reads: ListApps shows both
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "Pending")),
                List.of(deleted("alice", "JupyterServer", "default", CREATED)));

        Deletions d = ControlPlaneEvents.deleted(after, Set.of(), NOW);

        assertThat(d.events()).isEmpty();
        assertThat(d.listed()).isEmpty();
    }

    @Test
    void shouldAnnounceANameDeletedAgainAfterItWasRecreated() {
        // given the first instance's deletion announced while the recreated one ran
        Instant recreated = CREATED.plusSeconds(600);
        DomainView first = view(List.of(), List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED)));
        Set<Deletion> announced = ControlPlaneEvents.deleted(first, Set.of(), NOW).listed();

        // when the recreated instance is deleted too: ListApps lists both deleted instances
        DomainView both = view(List.of(), List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED),
                deleted("alice", "KernelGateway", "kg-ella", recreated)));
        Deletions d = ControlPlaneEvents.deleted(both, announced, NOW);

        // then that deletion is announced, once
        assertThat(d.events()).extracting(e -> ((AppObserved) e.data()).creationTime()).containsExactly(recreated);
    }

    @Test
    void shouldAnnounceEachKeyOnceOnAFirstReadThatListsManyDeletions() {
        DomainView first = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "JupyterServer", "default", CREATED),
                        deleted("alice", "KernelGateway", "kg-ella", CREATED),
                        deleted("alice", "KernelGateway", "kg-ella", CREATED.minusSeconds(60)),
                        deleted("bob", "KernelGateway", "kg-bob", CREATED)));

        Deletions d = ControlPlaneEvents.deleted(first, Set.of(), NOW);

        assertThat(d.events()).extracting(OutgoingEvent::key).containsExactly(ALICE_KG.toString(), BOB_KG.toString());
        assertThat(d.events()).extracting(e -> ((AppObserved) e.data()).status()).containsOnly("Deleted");
        assertThat(ControlPlaneEvents.deleted(first, d.listed(), NOW).events()).isEmpty();
    }

    @Test
    void shouldAnnounceNothingForAnAppThatVanishedFromTheListing() {
        DomainView after = view(List.of(live("alice", "JupyterServer", "default", "InService")), List.of());

        assertThat(ControlPlaneEvents.deleted(after, Set.of(), NOW).events()).isEmpty();
    }

    @Test
    void shouldNotReportAnAppOnItsWayOutUnobservedWhenTheNextReadFails() {
        DomainView read = view(List.of(live("alice", "JupyterServer", "default", "InService"),
                live("alice", "KernelGateway", "kg-ella", "Deleting")), List.of());

        assertThat(ControlPlaneEvents.runningKeys(read)).containsExactly(ALICE_SERVER);
    }

    @Test
    void shouldPublishOnlyLiveAppsAsTheirOwnObservations() {
        DomainView read = view(List.of(live("alice", "JupyterServer", "default", "InService")),
                List.of(deleted("alice", "KernelGateway", "kg-ella", CREATED)));

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

    private static DeletedApp deleted(String owner, String type, String name, Instant created) {
        return new DeletedApp(OwnerKind.USER_PROFILE, owner, type, name, created);
    }
}
