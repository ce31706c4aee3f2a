package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kernels and terminals of a Studio front door run on the app about to be deleted. */
class StudioInventoryTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00.000001Z");
    private static final String IMAGE_TERMINAL = "arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0"
            + "__1__ml.t3.medium";

    private final StudioInventory inventory = new StudioInventory(
            List.of(new StudioInventory.ListedKernel("k-ours", "kg-1", "idle", T),
                    new StudioInventory.ListedKernel("k-listed", null, "idle", T),
                    new StudioInventory.ListedKernel("k-other", "kg-2", "busy", T),
                    new StudioInventory.ListedKernel("k-nowhere", null, "idle", T)),
            List.of(new StudioInventory.ListedTerminal(IMAGE_TERMINAL, null, T),
                    new StudioInventory.ListedTerminal("1", null, T),
                    new StudioInventory.ListedTerminal("other-image__1__ml.m5.large", null, T)),
            List.of(new StudioInventory.ListedApp("kg-1", "KernelGateway", List.of("k-ours", "k-listed"),
                            List.of(IMAGE_TERMINAL)),
                    new StudioInventory.ListedApp("kg-2", "KernelGateway", List.of("k-other"),
                            List.of("other-image__1__ml.m5.large"))));

    @Test
    void shouldSelectTheKernelsAndImageTerminalsOfAKernelGatewayApp() {
        assertThat(ids(inventory.childrenOf(AppType.KernelGateway, "kg-1")))
                .containsExactly("kernel k-ours", "kernel k-listed", "kernel k-nowhere", "terminal " + IMAGE_TERMINAL);
    }

    @Test
    void shouldCountEveryUnclaimedTerminalWhenStudioDoesNotListTheApp() {
        assertThat(ids(inventory.childrenOf(AppType.KernelGateway, "kg-new")))
                .containsExactly("kernel k-nowhere", "terminal 1");
    }

    @Test
    void shouldSelectEverythingOnTheServerForAJupyterLabApp() {
        assertThat(ids(inventory.childrenOf(AppType.JupyterLab, "default"))).hasSize(7);
    }

    private static List<String> ids(Observation.Children.Read read) {
        return read.children().stream().map(c -> c.kind() + " " + c.id()).toList();
    }
}
