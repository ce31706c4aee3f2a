package dev.sundown.executor.messaging;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topics;
import dev.sundown.executor.domain.CommandValidation;
import dev.sundown.executor.domain.Conclusion;
import dev.sundown.executor.domain.ProcessedCommands;
import dev.sundown.executor.shutdown.ShutdownService;
import dev.sundown.executor.shutdown.Targets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes shutdown commands one at a time. The returned Uni completes only after the command's result (and dead
 * letter, if any) was acknowledged by the broker, so the offset is committed only then: a crash before that
 * re-delivers the command, whose re-validation then finds its resource gone.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final ShutdownService service;
    private final Targets targets;
    private final ProcessedCommands processed;
    private final ProcessedIdsLoader loader;
    private final Publisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter replays;

    public CommandConsumer(ShutdownService service, Targets targets, ProcessedCommands processed,
                           ProcessedIdsLoader loader, Publisher publisher, Clock clock, MeterRegistry registry) {
        this.service = service;
        this.targets = targets;
        this.processed = processed;
        this.loader = loader;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
        this.replays = Counter.builder("sundown.executor.replays.ignored")
                .description("Commands that already had a result and were not acted on again").register(registry);
    }

    @Incoming("commands")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return loader.ready().chain(() -> handle(record));
    }

    private Uni<Void> handle(ConsumerRecord<String, byte[]> record) {
        ShutdownCommand command;
        try {
            CloudEvent<EventData> event = EventCodec.standard().decode(record.value(), Topics.SHUTDOWN_COMMANDS);
            command = (ShutdownCommand) event.data();
        } catch (MalformedEventException e) {
            LOG.warnf("malformed command at %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                    e.problem(), e.getMessage());
            count("malformed");
            return publisher.deadLetter(DeadLetters.of(record, e.problem().name(), e.getMessage(), clock.instant()));
        }
        if (processed.contains(command.commandId())) {
            LOG.infof("command %s for %s already has a result; replay ignored", command.commandId(),
                    command.appKey());
            replays.increment();
            return Uni.createFrom().voidItem();
        }
        Optional<CommandValidation.Rejection> rejection = CommandValidation.check(record.key(), command,
                targets.staticTargetNames());
        Uni<Conclusion> conclusion = rejection.isPresent()
                ? Uni.createFrom().item(new Conclusion(Outcome.FAILED, "rejected: " + rejection.get().reason(), 0,
                        Optional.of(rejection.get().problem())))
                : service.execute(command);
        return conclusion.chain(done -> finish(record, command, done));
    }

    private Uni<Void> finish(ConsumerRecord<String, byte[]> record, ShutdownCommand command, Conclusion done) {
        Uni<Void> deadLetter = done.deadLetterProblem()
                .map(problem -> publisher.deadLetter(DeadLetters.of(record, problem, done.detail(), clock.instant())))
                .orElseGet(() -> Uni.createFrom().voidItem());
        ShutdownResult result = ShutdownResult.of(command, done.outcome(), done.detail(), clock.instant(),
                done.attempts());
        return deadLetter.chain(() -> publisher.result(result)).invoke(() -> {
            processed.add(command.commandId());
            count(done.outcome().wire());
            LOG.infof("command %s %s %s: %s after %d attempt(s): %s", command.commandId(), command.appKey(),
                    command.resource(), done.outcome().wire(), done.attempts(), done.detail());
        });
    }

    private void count(String outcome) {
        Counter.builder("sundown.executor.commands").description("Commands handled, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
