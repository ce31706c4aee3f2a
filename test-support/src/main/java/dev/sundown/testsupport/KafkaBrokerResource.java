package dev.sundown.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test application at the JVM's shared {@link KafkaBroker}, with every Sundown topic created.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(KafkaBrokerResource.class)
 * class CollectorIT { ... }
 * }</pre>
 *
 * The broker outlives the application: it is shared by every test class of the JVM and stopped at JVM exit,
 * so topics may already hold records written by an earlier test class.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createSundownTopics();
        String servers = broker.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", servers,
                "quarkus.kafka-streams.bootstrap-servers", servers,
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", servers,
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker is shared across test classes; the JVM shutdown hook stops it.
    }
}
