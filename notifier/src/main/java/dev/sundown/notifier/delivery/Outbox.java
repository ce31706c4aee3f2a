package dev.sundown.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.events.EventCodec;
import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * The durable hand-over point between intake and the channels: a notification accepted here is read by each
 * channel's worker in its own consumer group ({@code sundown-notifier-sns}, {@code sundown-notifier-slack}), so
 * a channel that is down only holds back its own group's offsets. Key = notification id, so the parts of one
 * notification and its replays land on the same partition; compliance and coverage reports are keyed by their domain
 * instead, so a channel posts a domain's reports in the order they were made (a source's "coverage restored" never
 * before its "coverage lost").
 */
@ApplicationScoped
public class Outbox {

    private static final ObjectMapper JSON = EventCodec.newMapper();

    private final NotifierKafka kafka;
    private final NotifierConfig config;

    public Outbox(NotifierKafka kafka, NotifierConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /** Completes when the broker has the notification. */
    public CompletableFuture<Void> put(Notification n) {
        return kafka.send(config.topics().outbox(), keyOf(n), encode(n));
    }

    /** The outbox key of a notification: its domain for compliance and coverage reports, else its id. */
    public static String keyOf(Notification n) {
        return switch (n.kind()) {
            case COMPLIANCE, COVERAGE -> "compliance|" + n.domain();
            default -> n.id();
        };
    }

    public static byte[] encode(Notification n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write notification " + n.id(), e);
        }
    }

    public static Notification decode(byte[] value) {
        try {
            return JSON.readValue(value, Notification.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable outbox record", e);
        }
    }
}
