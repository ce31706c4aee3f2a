package dev.sundown.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A structured-mode CloudEvents 1.0 envelope as Sundown writes it to Kafka (JSON, {@code datacontenttype}
 * {@code application/json}).
 */
public record CloudEvent<T extends EventData>(String specversion, String id, URI source, String type,
                                              Instant time, String subject, String datacontenttype, T data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps data produced by {@code source} (e.g. {@code /sundown/idle-evaluator}) at {@code time}. */
    public static <T extends EventData> CloudEvent<T> of(String id, URI source, Instant time, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, EventType.of(data).type(), time, data.subject(), JSON,
                data);
    }

    /** Same, with a random id, for observations whose identity does not matter across replays. */
    public static <T extends EventData> CloudEvent<T> of(URI source, Instant time, T data) {
        return of(java.util.UUID.randomUUID().toString(), source, time, data);
    }

    public EventType eventType() {
        return EventType.of(data);
    }
}
