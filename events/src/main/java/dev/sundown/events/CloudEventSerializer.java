package dev.sundown.events;

import org.apache.kafka.common.serialization.Serializer;

/** For SmallRye Reactive Messaging and plain producers: {@code value.serializer=dev.sundown.events.CloudEventSerializer}. */
public class CloudEventSerializer implements Serializer<CloudEvent<?>> {
    @Override
    public byte[] serialize(String topic, CloudEvent<?> event) {
        return event == null ? null : EventCodec.standard().encode(event);
    }
}
