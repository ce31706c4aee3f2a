package dev.sundown.executor.messaging;

import dev.sundown.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds the dead letter of a consumed record. */
final class DeadLetters {

    private DeadLetters() {
    }

    static DeadLetter of(ConsumerRecord<String, byte[]> record, String problem, String reason, Instant now) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        return new DeadLetter(Publisher.SERVICE, record.topic(), record.partition(), record.offset(), record.key(),
                problem, reason, payload, false, now);
    }
}
