package dev.sundown.events;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Sundown topic: its public name, the event types its values may carry, and how it is kept.
 * Keys are always strings (an {@link AppKey}, a {@link PolicyScope}, or a natural id named in {@link #keyDoc()}).
 */
public record Topic(String name, Set<EventType> types, String keyDoc, boolean compacted, Duration retention,
                    int partitions, String description) {

    public Topic {
        types = Set.copyOf(types);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A serde that rejects, with {@link MalformedEventException}, any value not allowed on this topic. */
    public CloudEventSerde valueSerde() {
        return new CloudEventSerde(this);
    }

    /** The {@code cleanup.policy} the topic is created with. */
    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
