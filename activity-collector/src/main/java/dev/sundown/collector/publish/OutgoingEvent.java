package dev.sundown.collector.publish;

import dev.sundown.events.EventData;
import dev.sundown.events.Topic;

/** One record to write: the topic, the key (an app key, or a compliance key), and the event data. */
public record OutgoingEvent(Topic topic, String key, EventData data) {
}
