package dev.sundown.collector.publish;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.groups.UniJoin;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes events to Kafka as structured-mode CloudEvents ({@link EventCodec#standard()}), keyed as the event's
 * topic requires. The returned Uni completes when the broker acknowledged every record.
 */
@ApplicationScoped
public class EventPublisher {

    public static final URI SOURCE = URI.create("/sundown/activity-collector");

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public EventPublisher(@Channel("sundown-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 65536) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    public Uni<Void> publish(List<OutgoingEvent> events, Instant time) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UniJoin.Builder<Void> join = Uni.join().builder();
        for (OutgoingEvent e : events) {
            join.add(send(e, time));
        }
        return join.joinAll().andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(OutgoingEvent e, Instant time) {
        byte[] value = EventCodec.standard().encode(CloudEvent.of(SOURCE, time, e.data()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(e.topic().name())
                .withKey(e.key())
                .build();
        String type = EventType.of(e.data()).type();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata))
                .invoke(() -> counter(e.topic().name(), type).increment());
    }

    private Counter counter(String topic, String type) {
        return counters.computeIfAbsent(topic + "|" + type, k -> Counter.builder("sundown.collector.events.published")
                .description("Events written to Kafka and acknowledged")
                .tag("topic", topic).tag("type", type)
                .register(registry));
    }
}
