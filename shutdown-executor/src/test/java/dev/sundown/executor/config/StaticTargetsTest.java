package dev.sundown.executor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticTargetsTest {

    private static final String P = StaticTargets.PREFIX;

    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(ExecutorConfig.class)
                .build();
    }

    private static Map<String, StaticTargets.Target> targets(SmallRyeConfig config) {
        return StaticTargets.read(config.getConfigMapping(ExecutorConfig.class).jupyter().targets().keySet(), config);
    }

    @Test
    void shouldGroupTheSettingsOfEachTargetByName() {
        SmallRyeConfig config = config(Map.of(
                P + "lab.url", "http://10.0.0.5:8888",
                P + "lab.token", "secret",
                P + "hub-alice.url", "https://hub.example.com/user/alice",
                P + "hub-alice.token", "alice",
                P + "\"a.b\".url", "http://a.b:8888",
                P + "\"a.b\".token", "ab"), Map.of());

        Map<String, StaticTargets.Target> targets = targets(config);

        assertThat(targets).containsOnlyKeys("a.b", "hub-alice", "lab");
        assertThat(targets.get("lab")).isEqualTo(new StaticTargets.Target(URI.create("http://10.0.0.5:8888"), "secret"));
        assertThat(targets.get("hub-alice"))
                .isEqualTo(new StaticTargets.Target(URI.create("https://hub.example.com/user/alice"), "alice"));
        assertThat(targets.get("a.b")).isEqualTo(new StaticTargets.Target(URI.create("http://a.b:8888"), "ab"));
    }

    @Test
    void shouldLetTheEnvironmentGiveOrOverrideATargetsSettings() {
        SmallRyeConfig config = config(Map.of(
                P + "hub-alice.url", "http://h/user/alice",
                P + "hub-alice.token", "from-file"), Map.of(
                "SUNDOWN_EXECUTOR_JUPYTER_TARGETS_HUB_ALICE_TOKEN", "from-env",
                "SUNDOWN_EXECUTOR_JUPYTER_TARGETS_LAB_URL", "http://lab:8888",
                "SUNDOWN_EXECUTOR_JUPYTER_TARGETS_LAB_TOKEN", "lab-env"));

        Map<String, StaticTargets.Target> targets = targets(config);

        assertThat(targets).containsOnlyKeys("hub-alice", "lab");
        assertThat(targets.get("hub-alice").token()).isEqualTo("from-env");
        assertThat(targets.get("lab")).isEqualTo(new StaticTargets.Target(URI.create("http://lab:8888"), "lab-env"));
    }

    @Test
    void shouldTakeATokenGivenOnlyInTheEnvironment() {
        SmallRyeConfig config = config(Map.of(P + "hub-alice.url", "http://h/user/alice"),
                Map.of("SUNDOWN_EXECUTOR_JUPYTER_TARGETS_HUB_ALICE_TOKEN", "from-env"));

        assertThat(targets(config)).containsOnlyKeys("hub-alice");
        assertThat(targets(config).get("hub-alice").token()).isEqualTo("from-env");
    }

    @Test
    void shouldRefuseATargetWithoutAUrlNamingTheSetting() {
        SmallRyeConfig config = config(Map.of(P + "lab.token", "secret"), Map.of());

        assertThatThrownBy(() -> targets(config))
                .hasMessageContaining(P + "lab.url is required")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldRefuseATargetWithoutATokenNamingTheSetting() {
        SmallRyeConfig config = config(Map.of(P + "lab.url", "http://lab:8888", P + "lab.token", " "), Map.of());

        assertThatThrownBy(() -> targets(config)).hasMessageContaining(P + "lab.token is required");
    }

    @Test
    void shouldRefuseAUrlThatIsNotOneWithoutShowingTheToken() {
        SmallRyeConfig config = config(Map.of(P + "lab.url", "http://lab 8888", P + "lab.token", "secret"), Map.of());

        assertThatThrownBy(() -> targets(config))
                .hasMessageContaining(P + "lab.url is not a URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldNotShowTheTokenWhenATargetIsPrinted() {
        assertThat(new StaticTargets.Target(URI.create("http://lab:8888"), "secret").toString())
                .doesNotContain("secret");
    }

    @Test
    void shouldMapThousandsOfTargetsInSeconds() {
        // given 5,001 targets and as many settings of another service, as a shared properties file holds them
        Map<String, String> properties = new HashMap<>();
        for (int i = 1; i <= 5001; i++) {
            String name = "soak-%04d".formatted(i);
            properties.put(P + name + ".url", "http://127.0.0.1:9/targets/" + name);
            properties.put(P + name + ".token", "t");
            properties.put("sundown.collector.jupyter.targets." + name + ".url", "http://127.0.0.1:9/targets/" + name);
            properties.put("sundown.collector.jupyter.targets." + name + ".token", "t");
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
