package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.io.File;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void shouldCreateEverySundownTopicWithItsPartitionsAndCleanupPolicyAndBeIdempotent() throws Exception {
        // when
        broker.createSundownTopics();
        broker.createSundownTopics();

        // then
        Set<String> names = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .collect(Collectors.toList())).all().get();
            for (Topic topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                if (topic.retention() != null) {
                    assertThat(config.get("retention.ms").value()).as(topic.name())
                            .isEqualTo(Long.toString(topic.retention().toMillis()));
                }
            }
        }
    }

    @Test
    void shouldReadBackWhatWasSentInOrderWithKeys() {
        // given
        String topic = "ordered-" + UUID.randomUUID();
        broker.createTopic(topic, 1);

        // when
        broker.send(topic, "jupyter/a", bytes("first"));
        broker.send(topic, "jupyter/b", bytes("second"));

        // then
        List<ConsumerRecord<String, byte[]>> records = broker.readAll(topic, WITHIN, 2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("jupyter/a", "jupyter/b");
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("first", "second");
    }

    @Test
    void shouldFailWhenFewerRecordsArriveThanExpected() {
        // given
        String topic = "short-" + UUID.randomUUID();
        broker.createTopic(topic, 2);
        broker.send(topic, "k", bytes("only one"));

        // then
        assertThatThrownBy(() -> broker.readAll(topic, Duration.ofSeconds(2), 2))
                .isInstanceOf(ConditionTimeoutException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void shouldReadForTheWholeWindowWhenExpectingNothing() {
        // given
        String topic = "silent-" + UUID.randomUUID();
        broker.createTopic(topic, 1);

        // when
        long started = System.nanoTime();
        List<ConsumerRecord<String, byte[]>> records = broker.readAll(topic, Duration.ofMillis(800), 0);

        // then
        assertThat(records).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void shouldDropConnectionsOnRestartAndComeBackAtTheSameAddressWithItsData() throws Exception {
        // given a record on the broker and a client connection open to it
        String topic = "durable-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        broker.send(topic, "before", bytes("kept"));
        String address = broker.bootstrapServers();
        String[] hostPort = address.split(",")[0].split(":");

        try (Socket client = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            client.setSoTimeout(10_000);

            // when
            broker.restart();

            // then the old connection was closed by the broker going down
            InputStream in = client.getInputStream();
            assertThat(readOrEof(in)).isEqualTo(-1);
        }
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        broker.send(topic, "after", bytes("new"));
        assertThat(broker.readAll(topic, WITHIN, 2)).extracting(ConsumerRecord::key).containsExactly("before", "after");
    }

    @Test
    void shouldHandTheSameBrokerToEveryClassLoaderOfTheJvm() throws Exception {
        // given this module loaded again by an unrelated class loader, as Quarkus does per test application
        URL[] classpath = Arrays.stream(testClasspath().split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> {
                    try {
                        return Path.of(s).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherCopy = isolated.loadClass(KafkaBroker.class.getName());
            assertThat(otherCopy).isNotSameAs(KafkaBroker.class);

            // when
            Object otherBroker = otherCopy.getMethod("shared").invoke(null);
            Object otherAddress = otherCopy.getMethod("bootstrapServers").invoke(otherBroker);

            // then
            assertThat(otherAddress).isEqualTo(broker.bootstrapServers());
        }
    }

    @Test
    void shouldHandTheBrokerAddressAndTopicsToAQuarkusApplication() throws Exception {
        // when
        Map<String, String> config = new KafkaBrokerResource().start();

        // then
        assertThat(config).containsEntry("kafka.bootstrap.servers", broker.bootstrapServers())
                .containsEntry("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers())
                .containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers", broker.bootstrapServers())
                .containsEntry("quarkus.kafka.devservices.enabled", "false");
        try (Admin admin = broker.admin()) {
            assertThat(admin.listTopics().names().get())
                    .containsAll(Topics.all().stream().map(Topic::name).collect(Collectors.toList()));
        }
    }

    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    private static int readOrEof(InputStream in) {
        try {
            return in.read();
        } catch (java.net.SocketException e) {
            // Connection reset: closed as well.
            return -1;
        } catch (java.io.IOException e) {
            throw new AssertionError("the connection stayed open across the restart", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
