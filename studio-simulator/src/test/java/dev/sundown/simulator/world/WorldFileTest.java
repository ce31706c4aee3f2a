package dev.sundown.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldFileTest {

    static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
    final WorldBuilder builder = new WorldBuilder(new AppLifecycle(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(5)));

    @Test
    void shouldShipADemoWorldThatExercisesEveryRule() {
        World world = builder.build(WorldFiles.read("classpath:worlds/demo.yaml"), START, null);
        Domain domain = world.domain("d-demo0000001");
        Instant now = START.plusSeconds(5);

        assertThat(kernelStates(world, "alice", now)).containsExactly("idle");
        assertThat(kernelStates(world, "bob", now)).containsExactly("busy");
        Owner carol = domain.profiles().get("carol");
        assertThat(carol.server().terminals().values()).singleElement()
                .satisfies(t -> assertThat(t.lastActivity(START.plusSeconds(45))).isEqualTo(START.plusSeconds(40)));
        assertThat(world.appsOf(domain.profiles().get("dave"))).anySatisfy(app -> assertThat(app.type()).isEqualTo("KernelGateway"));
        assertThat(domain.profiles().get("dave").server().kernels()).isEmpty();
        assertThat(world.apps()).anySatisfy(app -> {
            assertThat(app.imageName()).isEqualTo("sagemaker-data-wrangler-1.0");
            assertThat(app.instanceType()).isEqualTo("ml.m5.4xlarge");
        });
        assertThat(domain.profiles().get("frank").tags()).containsEntry("sundown:exempt", "true");
        assertThat(domain.profiles().get("grace").server().reachability()).isEqualTo(Reachability.REFUSED);
        assertThat(world.inServiceServerApp(domain.profiles().get("heidi"), now)).isNull();
        assertThat(world.inServiceServerApp(domain.profiles().get("alice"), now)).isNotNull();
        assertThat(domain.profiles().get("ivan").settings().lifecycleConfigArns()).isEmpty();
        assertThat(domain.profiles().get("ivan").settings().idleShutdown()).isEqualTo("DISABLED");
        assertThat(domain.profiles().get("alice").tags()).containsKeys("sundown:slack-user", "sundown:email");
        assertThat(world.appsOf(domain.spaces().get("team-forecasting"))).singleElement()
                .satisfies(app -> assertThat(app.type()).isEqualTo("JupyterLab"));
        assertThat(world.targets()).containsKeys("jh-alice", "vm-gpu-01");
    }

    @Test
    void shouldShrinkScriptedTimesByTheTimeScale() {
        World world = builder.build(WorldFiles.read("classpath:worlds/demo.yaml"), START, 60.0);

        Owner bob = world.domain("d-demo0000001").profiles().get("bob");
        assertThat(bob.server().kernels().values()).singleElement().satisfies(kernel -> {
            assertThat(kernel.executionState(START.plusSeconds(29))).isEqualTo("busy");
            assertThat(kernel.executionState(START.plusSeconds(31))).isEqualTo("idle");
        });
    }

    @Test
    void shouldRefuseAMisspeltField(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("world.yaml");
        Files.writeString(file, "domains:\n  - id: d-x\n    userProfile: []\n");

        assertThatThrownBy(() -> WorldFiles.read(file.toString())).hasMessageContaining("userProfile");
    }

    @Test
    void shouldGenerateManyTargetsFromATemplate(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("bench.json");
        Files.writeString(file, "{\"targets\": [{\"generate\": {\"count\": 2000, \"kernelsEach\": 2, \"token\": \"t\"}}]}");

        World world = builder.build(WorldFiles.read(file.toString()), START, null);

        assertThat(world.targets()).hasSize(2000).containsKeys("target-0001", "target-2000");
        assertThat(world.targets().get("target-0042").kernels()).hasSize(2);
        assertThat(world.targets().get("target-0042").token()).isEqualTo("t");
    }

    private static List<String> kernelStates(World world, String profile, Instant now) {
        return world.domain("d-demo0000001").profiles().get(profile).server().kernels().values().stream()
                .map(kernel -> kernel.executionState(now)).toList();
    }
}
