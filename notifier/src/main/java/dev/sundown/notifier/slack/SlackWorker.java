package dev.sundown.notifier.slack;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.ChannelWorker;
import dev.sundown.notifier.delivery.DeadLetters;
import dev.sundown.notifier.delivery.SentLog;
import dev.sundown.notifier.domain.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The Slack side of the outbox (consumer group {@code sundown-notifier-slack}). */
@Singleton
public class SlackWorker extends ChannelWorker {

    private final SlackChannel slack;

    public SlackWorker(SlackChannel slack, SentLog sentLog, DeadLetters deadLetters, NotifierConfig config,
                       MeterRegistry metrics) {
        super("slack", sentLog, deadLetters, config, metrics);
        this.slack = slack;
    }

    @Incoming("slack-outbox")
    public Uni<Void> deliver(Message<byte[]> record) {
        return handle(record);
    }

    @Override
    protected boolean enabled() {
        return slack.enabled();
    }

    @Override
    protected List<Part> parts(Notification n) {
        SlackMessage m = slack.render(n);
        return List.of(new Part("1/1", () -> slack.post(m)));
    }
}
