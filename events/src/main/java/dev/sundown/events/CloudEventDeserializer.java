package dev.sundown.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * For plain consumers: reads a Sundown event and checks that its type belongs on the topic it came from
 * (when the topic is a Sundown topic). Throws {@link MalformedEventException} otherwise; services that must
 * dead-letter bad records read bytes and call {@link EventCodec} themselves.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<EventData>> {
    @Override
    public CloudEvent<EventData> deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return EventCodec.standard().decode(bytes, Topics.byName(topic).orElse(null));
    }
}
