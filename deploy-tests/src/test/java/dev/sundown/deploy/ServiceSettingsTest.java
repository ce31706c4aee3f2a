package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    private static final String MAPPING = """
            package x;
            /** Settings. */
            @ConfigMapping(prefix = "sundown.sample")
            public interface SampleConfig {
                /** How often. */
                @WithDefault("PT60S")
                Duration pollInterval();
                /** Targets by name. */
                Map<String, Target> targets();
                Optional<List<String>> domains();
                Retry retry();
                default boolean derived() { return true; }
                interface Target {
                    URI url();
                    @WithName("token")
                    Optional<String> secretToken();
                }
                interface Retry {
                    @WithDefault("5") int maxAttempts();
                }
            }
            """;

    private final ServiceSettings settings = ServiceSettings.fromSources("sample", List.of(MAPPING), """
            # Kafka
            kafka.bootstrap.servers=localhost:9092
            %test.mp.messaging.incoming.commands.topic=x
            """);

    @Test
    void shouldReadMappedSettingsInKebabCaseWithMapKeysAndNames() {
        assertThat(settings.properties()).containsExactlyInAnyOrder(
                "sundown.sample.poll-interval", "sundown.sample.targets.*.url", "sundown.sample.targets.*.token",
                "sundown.sample.domains", "sundown.sample.retry.max-attempts", "kafka.bootstrap.servers",
                "mp.messaging.incoming.commands.topic");
    }

    @Test
    void shouldAcceptEnvironmentVariablesOfRealSettingsOnly() {
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_POLL_INTERVAL")).isTrue();
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_TARGETS_LAB_1_URL")).isTrue();
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_RETRY_MAX_ATTEMPTS")).isTrue();
        assertThat(settings.hasEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_POLL_INTERVALS")).isFalse();
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_DERIVED")).isFalse();
        assertThat(settings.hasEnvironmentVariable("SUNDOWN_SAMPLE_TARGETS_URL")).isFalse();
    }

    @Test
    void shouldAcceptPropertiesWithAnyMapKey() {
        assertThat(settings.hasProperty("sundown.sample.targets.demo-lab.url")).isTrue();
        assertThat(settings.hasProperty("sundown.sample.targets.\"a.b\".token")).isTrue();
        assertThat(settings.hasProperty("sundown.sample.target.demo.url")).isFalse();
    }
}
