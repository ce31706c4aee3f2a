package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.EventType;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventRoundTripTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static KafkaBroker broker;

    @BeforeAll
    static void topics() {
        broker = KafkaBroker.shared();
        broker.createSundownTopics();
    }

    @Test
    void shouldRoundTripOneEventOfEveryTypeThroughTheRealBrokerWithTheRegistrySerdes() throws Exception {
        // given one event of every type, each for the topic that carries it
        Map<String, CloudEvent<EventData>> sentById = new HashMap<>();
        for (EventType type : EventType.values()) {
            CloudEvent<EventData> event = SampleEvents.of(type);
            sentById.put(event.id(), event);
        }

        // when each is written with its topic's key and value serializers
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (CloudEvent<EventData> event : sentById.values()) {
                Topic topic = topicOf(event.eventType());
                producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), event.subject()),
                        topic.valueSerde().serializer().serialize(topic.name(), event))).get();
            }
        }

        // then each comes back from its topic, through that topic's deserializers, equal and keyed by subject
        Map<String, ConsumerRecord<String, CloudEvent<EventData>>> receivedById = readSundownTopics(sentById.keySet());
        assertThat(receivedById.keySet()).containsExactlyInAnyOrderElementsOf(sentById.keySet());
        sentById.forEach((id, event) -> {
            ConsumerRecord<String, CloudEvent<EventData>> record = receivedById.get(id);
            assertThat(record.topic()).as(event.type()).isEqualTo(topicOf(event.eventType()).name());
            assertThat(record.key()).as(event.type()).isEqualTo(event.subject());
            assertThat(record.value()).as(event.type()).isEqualTo(event);
        });
        assertThat(receivedById.values()).extracting(r -> r.value().eventType())
                .containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void shouldDecodeEventsReadWithTheBrokerHelper() {
        // given
        CloudEvent<EventData> warning = SampleEvents.of(EventType.SHUTDOWN_WARNING);

        // when
        broker.sendEvent(Topics.NOTICES, warning.subject(), warning);

        // then
        assertThat(broker.readEvents(Topics.NOTICES, 1, WITHIN)).contains(warning);
    }

    @Test
    void shouldRejectAnEventTypeThatDoesNotBelongOnTheTopic() {
        // given a kernel observation written where shutdown commands belong
        String topic = "misrouted-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        broker.send(topic, SampleEvents.ALICE_GPU.toString(),
                EventCodec.standard().encode(SampleEvents.of(EventType.KERNEL_OBSERVED)));

        // when it is read with the command topic's deserializer, then it is refused with the reason
        try (KafkaConsumer<String, CloudEvent<EventData>> consumer = new KafkaConsumer<>(consumerProps(),
                Topics.SHUTDOWN_COMMANDS.keySerde().deserializer(),
                Topics.SHUTDOWN_COMMANDS.valueSerde().deserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(WITHIN).pollInSameThread().untilAsserted(() ->
                    assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(200)))
                            .isInstanceOf(RecordDeserializationException.class)
                            .cause()
                            .isInstanceOf(MalformedEventException.class)
                            .satisfies(e -> assertThat(((MalformedEventException) e).problem())
                                    .isEqualTo(MalformedEventException.Problem.TYPE_NOT_ALLOWED_ON_TOPIC))
                            .hasMessageContaining("sundown.kernel.observed.v1")
                            .hasMessageContaining(Topics.SHUTDOWN_COMMANDS.name()));
        }
    }

    private static Topic topicOf(EventType type) {
        List<Topic> carrying = Topics.all().stream().filter(t -> t.types().contains(type)).collect(Collectors.toList());
        assertThat(carrying).as("topics carrying " + type).hasSize(1);
        return carrying.get(0);
    }

    /** Reads every Sundown topic from the beginning, decoding each record with its own topic's serdes. */
    private static Map<String, ConsumerRecord<String, CloudEvent<EventData>>> readSundownTopics(Set<String> ids) {
        Map<String, ConsumerRecord<String, CloudEvent<EventData>>> byId = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Topics.all().stream()
                    .flatMap(t -> consumer.partitionsFor(t.name()).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(WITHIN).pollInSameThread().until(() -> {
                for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                    Topic topic = Topics.byName(raw.topic()).orElseThrow();
                    CloudEvent<EventData> value =
                            topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
                    String key = topic.keySerde().deserializer().deserialize(raw.topic(), raw.key());
                    if (ids.contains(value.id())) {
                        byId.put(value.id(), new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), key,
                                value));
                    }
                }
                return byId.keySet().containsAll(ids);
            });
        }
        return byId;
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }
}
