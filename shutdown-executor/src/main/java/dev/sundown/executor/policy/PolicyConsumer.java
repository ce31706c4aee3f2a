package dev.sundown.executor.policy;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.Topics;
import dev.sundown.executor.domain.PolicyBook;
import dev.sundown.executor.messaging.Publisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps {@link PolicyBook} equal to the compacted policy topic, read from its beginning at every start. */
@ApplicationScoped
public class PolicyConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyConsumer.class);

    private final PolicyBook book;
    private final Publisher publisher;
    private final Clock clock;

    public PolicyConsumer(PolicyBook book, Publisher publisher, Clock clock) {
        this.book = book;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Incoming("policies")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                book.remove(PolicyScope.parse(record.key()));
                return Uni.createFrom().voidItem();
            }
            CloudEvent<EventData> event = EventCodec.standard().decode(record.value(), Topics.POLICIES);
            book.put((IdlePolicy) event.data());
            return Uni.createFrom().voidItem();
        } catch (MalformedEventException e) {
            return deadLetter(record, e.problem().name(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return deadLetter(record, "INVALID_KEY", e.getMessage());
        }
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String problem, String reason) {
        LOG.warnf("malformed policy at %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                problem, reason);
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        return publisher.deadLetter(new DeadLetter(Publisher.SERVICE, record.topic(), record.partition(),
                record.offset(), record.key(), problem, reason, payload, false, clock.instant()));
    }
}
