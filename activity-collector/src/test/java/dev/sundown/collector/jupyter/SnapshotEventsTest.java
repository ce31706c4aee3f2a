package dev.sundown.collector.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotEventsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-03-01T09:00:00Z");
    private static final JupyterStatus STATUS = new JupyterStatus(EARLIER, EARLIER, 0, 0);

    @Test
    void shouldPublishEveryKernelAndTerminalAndTheFullInventoryOfAStaticTarget() {
        ServerSnapshot snapshot = new ServerSnapshot(
                List.of(new JupyterKernel("k1", "python3", ExecutionState.BUSY, 1, EARLIER, null),
                        new JupyterKernel("k2", "python3", ExecutionState.IDLE, 0, EARLIER, null)),
                List.of(new JupyterSession("s1", "a.ipynb", "notebook", "k1")),
                List.of(new JupyterTerminal("1", EARLIER, null)), STATUS);

        List<OutgoingEvent> events = SnapshotEvents.ofJupyterTarget("lab", snapshot, NOW);

        AppKey app = AppKey.jupyter("lab");
        assertThat(events).extracting(OutgoingEvent::key).containsOnly("jupyter/lab");
        assertThat(events).extracting(OutgoingEvent::data).containsExactly(
                new KernelObserved(app, "jupyter/lab", "k1", "python3", ExecutionState.BUSY, 1, EARLIER, "a.ipynb", NOW),
                new KernelObserved(app, "jupyter/lab", "k2", "python3", ExecutionState.IDLE, 0, EARLIER, null, NOW),
                new TerminalObserved(app, "jupyter/lab", "1", EARLIER, NOW),
                new AppObserved(app, "jupyter/lab", OwnerKind.JUPYTER_TARGET, "InService", null, null, null, null,
                        null, List.of("k1", "k2"), List.of("1"), Map.of(), NOW));
        assertThat(events).extracting(e -> e.topic().name()).containsExactly(Topics.KERNEL_ACTIVITY.name(),
                Topics.KERNEL_ACTIVITY.name(), Topics.TERMINAL_ACTIVITY.name(), Topics.APP_ACTIVITY.name());
    }

    @Test
    void shouldPublishAnEmptyInventoryWhenTheServerRunsNothing() {
        List<OutgoingEvent> events = SnapshotEvents.ofJupyterTarget("lab",
                new ServerSnapshot(List.of(), List.of(), List.of(), STATUS), NOW);

        assertThat(events).hasSize(1);
        AppObserved app = (AppObserved) events.get(0).data();
        assertThat(app.kernelIds()).isEmpty();
        assertThat(app.terminalNames()).isEmpty();
    }

    @Test
    void shouldPlaceStudioKernelsOnTheirKernelGatewayApps() {
        AppKey server = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");
        ServerSnapshot snapshot = new ServerSnapshot(
                List.of(new JupyterKernel("k1", "python3", ExecutionState.IDLE, 0, EARLIER, "gpu-app"),
                        new JupyterKernel("k2", "python3", ExecutionState.IDLE, 0, EARLIER, null)),
                List.of(), List.of(new JupyterTerminal("1", EARLIER, null)), STATUS);
        List<StudioApp> apps = List.of(new StudioApp("gpu-app", "KernelGateway", "ml.g4dn.xlarge", "InService", null,
                List.of(), List.of()));

        List<OutgoingEvent> events = SnapshotEvents.ofStudioServer(server, OwnerKind.USER_PROFILE, snapshot, apps,
                key -> Map.of("sundown:email", "a@example.com"), NOW);

        AppKey gpu = AppKey.studio("d-1", "alice", AppType.KernelGateway, "gpu-app");
        assertThat(events).filteredOn(e -> e.data() instanceof KernelObserved)
                .extracting(OutgoingEvent::key).containsExactly(gpu.toString(), server.toString());
        assertThat(events).filteredOn(e -> e.data() instanceof AppObserved).extracting(OutgoingEvent::data)
                .containsExactlyInAnyOrder(
                        new AppObserved(server, "studio/d-1/alice", OwnerKind.USER_PROFILE, "InService", null, null,
                                null, null, null, List.of("k2"), List.of("1"), Map.of("sundown:email", "a@example.com"),
                                NOW),
                        new AppObserved(gpu, "studio/d-1/alice", OwnerKind.USER_PROFILE, "InService", "ml.g4dn.xlarge",
                                null, null, null, null, List.of("k1"), List.of(), Map.of("sundown:email", "a@example.com"),
                                NOW));
    }

    @Test
    void shouldPlaceImageTerminalsOnTheAppThatListsThemAndKeepUnclaimedOnesOnTheServer() {
        // given Studio lists terminal "7" under the GPU app; "1" is a system terminal; "9" names an app not listed
        AppKey server = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");
        ServerSnapshot snapshot = new ServerSnapshot(List.of(), List.of(),
                List.of(new JupyterTerminal("1", EARLIER, null), new JupyterTerminal("7", EARLIER, null),
                        new JupyterTerminal("9", EARLIER, "gone-app")), STATUS);
        List<StudioApp> apps = List.of(new StudioApp("gpu-app", "KernelGateway", "ml.g4dn.xlarge", "InService", null,
                List.of(), List.of("7")));

        // when the front-door read is turned into events
        List<OutgoingEvent> events = SnapshotEvents.ofStudioServer(server, OwnerKind.USER_PROFILE, snapshot, apps,
                key -> Map.of(), NOW);

        // then "7" belongs to the GPU app, in its event and its inventory, and the others stay on the server
        AppKey gpu = AppKey.studio("d-1", "alice", AppType.KernelGateway, "gpu-app");
        assertThat(events).filteredOn(e -> e.data() instanceof TerminalObserved).extracting(OutgoingEvent::data)
                .containsExactly(new TerminalObserved(server, "studio/d-1/alice", "1", EARLIER, NOW),
                        new TerminalObserved(gpu, "studio/d-1/alice", "7", EARLIER, NOW),
                        new TerminalObserved(server, "studio/d-1/alice", "9", EARLIER, NOW));
        assertThat(events).filteredOn(e -> e.data() instanceof AppObserved).extracting(e -> (AppObserved) e.data())
                .extracting(AppObserved::appKey, AppObserved::terminalNames)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(server, List.of("1", "9")),
                        org.assertj.core.groups.Tuple.tuple(gpu, List.of("7")));
    }
}
