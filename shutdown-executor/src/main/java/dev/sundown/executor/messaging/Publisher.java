package dev.sundown.executor.messaging;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ShutdownResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes results and dead letters; each Uni completes once the broker has acknowledged the record. */
@ApplicationScoped
public class Publisher {

    public static final String SERVICE = "shutdown-executor";
    static final URI SOURCE = URI.create("/sundown/shutdown-executor");

    private final MutinyEmitter<Record<String, byte[]>> results;
    private final MutinyEmitter<Record<String, byte[]>> deadLetters;
    private final Clock clock;

    public Publisher(@Channel("results") MutinyEmitter<Record<String, byte[]>> results,
                     @Channel("dead-letters") MutinyEmitter<Record<String, byte[]>> deadLetters, Clock clock) {
        this.results = results;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Publishes the one result of a command; its CloudEvents id derives from the command id. */
    public Uni<Void> result(ShutdownResult result) {
        CloudEvent<ShutdownResult> event = CloudEvent.of("result-" + result.commandId(), SOURCE, clock.instant(),
                result);
        return results.send(Record.of(result.appKey().toString(), EventCodec.standard().encode(event)));
    }

    public Uni<Void> deadLetter(DeadLetter deadLetter) {
        CloudEvent<DeadLetter> event = CloudEvent.of(UUID.randomUUID().toString(), SOURCE, clock.instant(),
                deadLetter);
        return deadLetters.send(Record.of(deadLetter.key(), EventCodec.standard().encode(event)));
    }
}
