package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The resource inside a real Quarkus test application, whose class loaders differ from the JVM's. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaBrokerResourceQuarkusTest {

    @Test
    void shouldGiveTheApplicationTheJvmsBrokerWithTheSundownTopics() {
        // given
        String configured = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        KafkaBroker broker = KafkaBroker.shared();

        // when
        broker.sendEvent(Topics.SHUTDOWN_RESULTS, "jupyter/lab-box-01",
                SampleEvents.of(dev.sundown.events.EventType.SHUTDOWN_RESULT));

        // then
        assertThat(configured).isEqualTo(broker.bootstrapServers());
        assertThat(ConfigProvider.getConfig().getValue("quarkus.kafka.devservices.enabled", Boolean.class)).isFalse();
        assertThat(broker.readEvents(Topics.SHUTDOWN_RESULTS, 1, Duration.ofSeconds(30))).isNotEmpty();
        System.out.println("QUARKUS test class loader: " + getClass().getClassLoader() + " / KafkaBroker loader: "
                + KafkaBroker.class.getClassLoader());
    }
}
