package dev.sundown.notifier.delivery;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.domain.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox to one channel, one notification at a time, in its own consumer group: when the channel
 * is down, only this worker waits. For each part of a notification: skip it when the sent-keys log has it
 * ({@code done|<channel>|<id>#<part>}, written after delivery or dead-lettering), else send with retries, record it, and only then move on; the outbox
 * record is acknowledged (its offset committed) after the last part. After the last attempt a part goes to the
 * dead-letter topic and the worker continues.
 */
public abstract class ChannelWorker {

    private static final Logger LOG = Logger.getLogger(ChannelWorker.class);

    /** One message of a notification for this channel. */
    public record Part(String label, Supplier<Uni<Void>> send) {
    }

    private final String channel;
    private final SentLog sentLog;
    private final DeadLetters deadLetters;
    private final RetryPolicy policy;
    private final MeterRegistry metrics;

    protected ChannelWorker(String channel, SentLog sentLog, DeadLetters deadLetters, NotifierConfig config,
                            MeterRegistry metrics) {
        this.channel = channel;
        this.sentLog = sentLog;
        this.deadLetters = deadLetters;
        NotifierConfig.Retry r = config.retry();
        this.policy = new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.maxRetryAfter());
        this.metrics = metrics;
    }

    protected abstract boolean enabled();

    protected abstract List<Part> parts(Notification n);

    /** Handles one outbox record; acknowledges it once every part is delivered or dead-lettered. */
    protected Uni<Void> handle(Message<byte[]> record) {
        return Uni.createFrom().completionStage(sentLog.loaded())
                .chain(() -> deliverAll(record.getPayload()))
                .onFailure().invoke(e -> LOG.errorf("%s worker could not finish a record: %s", channel, e.getMessage()))
                .onItemOrFailure().transformToUni((v, e) -> e == null
                        ? Uni.createFrom().completionStage(record.ack())
                        : Uni.createFrom().completionStage(record.nack(e)));
    }

    private Uni<Void> deliverAll(byte[] value) {
        Notification n;
        try {
            n = Outbox.decode(value);
        } catch (RuntimeException e) {
            return Uni.createFrom().completionStage(deadLetters.deliveryFailed(channel, "unreadable", value,
                    "unreadable outbox record: " + e.getMessage()));
        }
        if (!enabled()) {
            return Uni.createFrom().voidItem();
        }
        List<Part> parts;
        try {
            parts = parts(n);
        } catch (RuntimeException e) {
            return Uni.createFrom().completionStage(deadLetters.deliveryFailed(channel, n.id(), value,
                    "cannot render: " + e.getMessage()));
        }
        return deliverFrom(n, value, parts, 0);
    }

    private Uni<Void> deliverFrom(Notification n, byte[] value, List<Part> parts, int index) {
        if (index >= parts.size()) {
            return Uni.createFrom().voidItem();
        }
        Part part = parts.get(index);
        String key = "done|" + channel + "|" + n.id() + "#" + part.label();
        Uni<Void> one;
        if (sentLog.recentlySent(key)) {
            LOG.debugf("%s already has %s", channel, key);
            one = Uni.createFrom().voidItem();
        } else {
            one = attempt(part, 1)
                    .chain(() -> {
                        metrics.counter("sundown.notifier.delivered", "channel", channel, "kind", n.kind().wire())
                                .increment();
                        return Uni.createFrom().completionStage(sentLog.record(List.of(key)));
                    })
                    .onFailure(DeliveryException.class).recoverWithUni(e -> {
                        metrics.counter("sundown.notifier.dead.lettered", "channel", channel, "kind",
                                n.kind().wire()).increment();
                        return Uni.createFrom().completionStage(deadLetters.deliveryFailed(channel, n.id(), value,
                                        e.getMessage() + " (part " + part.label() + ")"))
                                .chain(() -> Uni.createFrom().completionStage(sentLog.record(List.of(key))));
                    });
        }
        return one.chain(() -> deliverFrom(n, value, parts, index + 1));
    }

    private Uni<Void> attempt(Part part, int attempt) {
        return Uni.createFrom().deferred(() -> part.send().get())
                .onFailure().recoverWithUni(error -> {
                    DeliveryException failure = error instanceof DeliveryException de ? de
                            : DeliveryException.retryable(channel + " call failed: " + error.getClass().getSimpleName());
                    Optional<java.time.Duration> delay = policy.nextDelay(attempt, failure);
                    if (delay.isEmpty()) {
                        String why = failure.getMessage() + " after " + attempt
                                + (attempt == 1 ? " attempt" : " attempts");
                        return Uni.createFrom().failure(new DeliveryException(why, false, null));
                    }
                    LOG.warnf("%s attempt %d failed (%s); next in %s", channel, attempt, failure.getMessage(),
                            delay.get());
                    metrics.counter("sundown.notifier.retries", "channel", channel).increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay.get())
                            .chain(() -> attempt(part, attempt + 1));
                });
    }
}
