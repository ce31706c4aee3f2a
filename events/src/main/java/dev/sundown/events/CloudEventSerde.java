package dev.sundown.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for Sundown CloudEvents, for Kafka Streams and plain clients. Bound to one topic it also
 * rejects event types that do not belong there.
 */
public final class CloudEventSerde implements Serde<CloudEvent<EventData>> {

    private final Topic topic;
    private final EventCodec codec;

    public CloudEventSerde(Topic topic) {
        this(topic, EventCodec.standard());
    }

    public CloudEventSerde(Topic topic, EventCodec codec) {
        this.topic = topic;
        this.codec = codec;
    }

    @Override
    public Serializer<CloudEvent<EventData>> serializer() {
        return (t, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<CloudEvent<EventData>> deserializer() {
        return (t, bytes) -> bytes == null ? null : codec.decode(bytes, topic);
    }
}
