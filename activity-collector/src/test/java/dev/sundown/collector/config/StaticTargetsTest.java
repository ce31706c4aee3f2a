package dev.sundown.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticTargetsTest {

    private static final String P = StaticTargets.PREFIX;

    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(CollectorConfig.class)
                .build();
    }

    private static Map<String, StaticTargets.Target> targets(SmallRyeConfig config) {
        return StaticTargets.read(config.getConfigMapping(CollectorConfig.class).jupyter().targets().keySet(), config);
    }

    @Test
    void shouldGroupTheSettingsOfEachTargetByName() {
        SmallRyeConfig config = config(Map.of(
                P + "lab.url", "http://10.0.0.5:8888",
                P + "lab.token", "secret",
                P + "hub-alice.url", "https://hub.example.com/user/alice",
                P + "hub-alice.token-file", "/run/secrets/alice"), Map.of());

        Map<String, StaticTargets.Target> targets = targets(config);

        assertThat(targets).containsOnlyKeys("hub-alice", "lab");
        assertThat(targets.get("lab")).isEqualTo(new StaticTargets.Target("lab", URI.create("http://10.0.0.5:8888"),
                Optional.of("secret"), Optional.empty()));
        assertThat(targets.get("hub-alice")).isEqualTo(new StaticTargets.Target("hub-alice",
                URI.create("https://hub.example.com/user/alice"), Optional.empty(),
                Optional.of(Path.of("/run/secrets/alice"))));
    }

    @Test
    void shouldTakeATargetsTokenFromTheEnvironment() {
        SmallRyeConfig config = config(Map.of(P + "hub-alice.url", "http://h/user/alice"), Map.of(
                "SUNDOWN_COLLECTOR_JUPYTER_TARGETS_HUB_ALICE_TOKEN", "from-env",
                "SUNDOWN_COLLECTOR_JUPYTER_TARGETS_LAB_URL", "http://lab:8888",
                "SUNDOWN_COLLECTOR_JUPYTER_TARGETS_LAB_TOKEN_FILE", "/run/secrets/lab"));

        Map<String, StaticTargets.Target> targets = targets(config);

        assertThat(targets).containsOnlyKeys("hub-alice", "lab");
        assertThat(targets.get("hub-alice").token()).contains("from-env");
        assertThat(targets.get("lab").url()).isEqualTo(URI.create("http://lab:8888"));
        assertThat(targets.get("lab").tokenFile()).contains(Path.of("/run/secrets/lab"));
    }

    @Test
    void shouldRefuseATargetWithoutAUrlNamingTheSetting() {
        SmallRyeConfig config = config(Map.of(P + "lab.token", "secret"), Map.of());

        assertThatThrownBy(() -> targets(config))
                .hasMessageContaining(P + "lab.url is required")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldMapThousandsOfTargetsInSeconds() {
        // given 5,001 targets and as many settings of another service, as a shared properties file holds them
        Map<String, String> properties = new HashMap<>();
        for (int i = 1; i <= 5001; i++) {
            String name = "soak-%04d".formatted(i);
            properties.put(P + name + ".url", "http://127.0.0.1:9/targets/" + name);
            properties.put(P + name + ".token", "t");
            properties.put("sundown.executor.jupyter.targets." + name + ".url", "http://127.0.0.1:9/targets/" + name);
            properties.put("sundown.executor.jupyter.targets." + name + ".token", "t");
        }
        long start = System.nanoTime();

        // when the configuration is mapped and the targets read
        Map<String, StaticTargets.Target> targets = targets(config(properties, Map.of()));

        // then every target is there, in a time that does not grow with the square of their number
        assertThat(targets).hasSize(5001);
        assertThat(targets.get("soak-5001").url()).isEqualTo(URI.create("http://127.0.0.1:9/targets/soak-5001"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
