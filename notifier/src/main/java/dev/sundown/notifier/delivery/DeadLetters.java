package dev.sundown.notifier.delivery;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/** Writes what the notifier gives up on to {@code sundown.deadletter.v1}, with the reason and without secrets. */
@ApplicationScoped
public class DeadLetters {

    public static final String SERVICE = "notifier";
    public static final URI SOURCE = URI.create("/sundown/notifier");
    public static final String DELIVERY_FAILED = "DELIVERY_FAILED";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final NotifierKafka kafka;
    private final Clock clock;
    private final SecretMask mask;

    public DeadLetters(NotifierKafka kafka, Clock clock, SecretMask mask) {
        this.kafka = kafka;
        this.clock = clock;
        this.mask = mask;
    }

    /** An input record that is not a valid event. */
    public CompletableFuture<Void> malformed(String topic, Integer partition, Long offset, String key, byte[] value,
                                             MalformedEventException e) {
        LOG.warnf("malformed record %s-%s@%s: %s (%s)", topic, partition, offset, e.problem(), mask.mask(e.getMessage()));
        String payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
        return write(new DeadLetter(SERVICE, topic, partition, offset, key, e.problem().name(),
                mask.mask(e.getMessage()), mask.mask(payload), false, clock.instant()));
    }

    /** A notification a channel did not take after the last attempt. */
    public CompletableFuture<Void> deliveryFailed(String channel, String notificationId, byte[] notification,
                                                  String reason) {
        String safe = channel + ": " + mask.mask(reason);
        LOG.errorf("giving up on notification %s: %s", notificationId, safe);
        return write(new DeadLetter(SERVICE, null, null, null, notificationId, DELIVERY_FAILED, safe,
                mask.mask(new String(notification, StandardCharsets.UTF_8)), false, clock.instant()));
    }

    private CompletableFuture<Void> write(DeadLetter letter) {
        CloudEvent<DeadLetter> event = CloudEvent.of(SOURCE, clock.instant(), letter);
        return kafka.send(Topics.DEAD_LETTERS.name(), letter.key(), EventCodec.standard().encode(event));
    }
}
