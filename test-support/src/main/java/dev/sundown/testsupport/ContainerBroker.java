package dev.sundown.testsupport;

import java.time.Duration;
import java.util.List;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Testcontainers' Kafka container (Apache Kafka image, KRaft). Its host port is fixed at start so the
 * advertised address survives {@link #restart()}.
 */
final class ContainerBroker implements BrokerBackend {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static ContainerBroker start() {
        int hostPort = LoopbackPorts.free();
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5");
        container.setPortBindings(List.of(hostPort + ":9092"));
        container.start();
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public void restart() {
        var docker = container.getDockerClient();
        docker.stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
        docker.startContainerCmd(container.getContainerId()).exec();
        LoopbackPorts.awaitOpen(container.getHost(), container.getMappedPort(9092), Duration.ofSeconds(60));
    }

    @Override
    public void stop() {
        container.stop();
    }
}
