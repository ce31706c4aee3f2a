package dev.sundown.notifier.sns;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.ChannelWorker;
import dev.sundown.notifier.delivery.DeadLetters;
import dev.sundown.notifier.delivery.SentLog;
import dev.sundown.notifier.domain.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The SNS side of the outbox (consumer group {@code sundown-notifier-sns}). */
@Singleton
public class SnsWorker extends ChannelWorker {

    private final SnsChannel sns;

    public SnsWorker(SnsChannel sns, SentLog sentLog, DeadLetters deadLetters, NotifierConfig config,
                     MeterRegistry metrics) {
        super("sns", sentLog, deadLetters, config, metrics);
        this.sns = sns;
    }

    @Incoming("sns-outbox")
    public Uni<Void> deliver(Message<byte[]> record) {
        return handle(record);
    }

    @Override
    protected boolean enabled() {
        return sns.enabled();
    }

    @Override
    protected List<Part> parts(Notification n) {
        List<SnsMessage> messages = sns.render(n);
        List<Part> parts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            SnsMessage m = messages.get(i);
            parts.add(new Part((i + 1) + "/" + messages.size(), () -> sns.publish(m)));
        }
        return parts;
    }
}
