package dev.sundown.notifier.intake;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.DeadLetters;
import dev.sundown.notifier.delivery.SentLog;
import dev.sundown.notifier.domain.ComplianceDecision;
import dev.sundown.notifier.domain.ComplianceGroup;
import dev.sundown.notifier.domain.ComplianceGrouper;
import dev.sundown.notifier.domain.ComplianceReports;
import dev.sundown.notifier.domain.Notification;
import dev.sundown.notifier.domain.Recipients;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the three input topics. Warnings and failed results become one notification each, at once. Compliance
 * findings wait in a {@link ComplianceGrouper} for the rest of their scan; their records are acknowledged only
 * when the group's notification is accepted, so the committed offset never passes a finding that is not yet in
 * the outbox. Malformed records go to the dead-letter topic and reading goes on.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);

    private final Acceptor acceptor;
    private final SentLog sentLog;
    private final DeadLetters deadLetters;
    private final NotifierConfig config;
    private final Clock clock;
    private final Recipients recipients;
    private final ComplianceGrouper<Message<byte[]>> grouper;
    private final List<ComplianceGroup<Message<byte[]>>> retry = new ArrayList<>();

    public Intake(Acceptor acceptor, SentLog sentLog, DeadLetters deadLetters, NotifierConfig config, Clock clock) {
        this.acceptor = acceptor;
        this.sentLog = sentLog;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
        this.recipients = new Recipients(config.slack().owners(), config.sns().ownerTopics());
        this.grouper = new ComplianceGrouper<>(config.compliance().settle(), config.compliance().maxWait(),
                config.compliance().coverageLinger());
    }

    @Incoming("compliance")
    @Blocking
    public CompletionStage<Void> onCompliance(Message<byte[]> record) {
        CloudEvent<EventData> event = decode(record, Topics.COMPLIANCE);
        if (event == null) {
            return record.ack();
        }
        Instant now = clock.instant();
        if (event.data() instanceof ComplianceFinding f) {
            if (f.detectedAt().plus(config.suppressionWindow()).isBefore(now)) {
                LOG.debugf("finding %s is older than the suppression window; not reported", f.findingId());
                return record.ack();
            }
            grouper.add(f, record, now);
        } else if (event.data() instanceof ComplianceSummary s) {
            grouper.add(s, record, now);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Incoming("notices")
    @Blocking
    public CompletionStage<Void> onNotice(Message<byte[]> record) {
        CloudEvent<EventData> event = decode(record, Topics.NOTICES);
        if (event != null && event.data() instanceof ShutdownWarning w) {
            Instant now = clock.instant();
            if (w.deadline().isBefore(now)) {
                LOG.infof("warning %s is past its deadline %s; not sent", w.noticeId(), w.deadline());
            } else {
                acceptor.accept(Notification.warning(w, recipients.of(w), now), List.of());
            }
        }
        return record.ack();
    }

    @Incoming("results")
    @Blocking
    public CompletionStage<Void> onResult(Message<byte[]> record) {
        CloudEvent<EventData> event = decode(record, Topics.SHUTDOWN_RESULTS);
        if (event != null && event.data() instanceof ShutdownResult r && r.outcome() == Outcome.FAILED) {
            Instant now = clock.instant();
            if (r.actedAt().plus(config.suppressionWindow()).isBefore(now)) {
                LOG.debugf("failure of %s is older than the suppression window; left to the digest", r.commandId());
            } else {
                acceptor.accept(Notification.failure(r, now), List.of());
            }
        }
        return record.ack();
    }

    /** Sends the compliance groups that are ready; called by the ticker. */
    public void flushCompliance() {
        Instant now = clock.instant();
        List<ComplianceGroup<Message<byte[]>>> due = new ArrayList<>();
        synchronized (retry) {
            due.addAll(retry);
            retry.clear();
        }
        due.addAll(grouper.takeReady(now));
        for (ComplianceGroup<Message<byte[]>> group : due) {
            try {
                ComplianceDecision decision = ComplianceReports.decide(group, sentLog, now);
                decision.notification().ifPresent(n -> acceptor.accept(n, decision.keysToRecord()));
                if (!decision.keysToForget().isEmpty()) {
                    sentLog.forget(decision.keysToForget()).join();
                }
                group.acks().forEach(Message::ack);
            } catch (RuntimeException e) {
                LOG.warnf("cannot pass on compliance group %s/%s yet (%s); retrying", group.domainId(),
                        group.scanId(), e.getMessage());
                synchronized (retry) {
                    retry.add(group);
                }
            }
        }
    }

    private CloudEvent<EventData> decode(Message<byte[]> record, Topic topic) {
        sentLog.loaded().join();
        try {
            return EventCodec.standard().decode(record.getPayload(), topic);
        } catch (MalformedEventException e) {
            IncomingKafkaRecordMetadata<?, ?> meta = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElse(null);
            deadLetters.malformed(topic.name(), meta == null ? null : meta.getPartition(),
                    meta == null ? null : meta.getOffset(), meta == null || meta.getKey() == null ? null
                            : meta.getKey().toString(), record.getPayload(), e).join();
            return null;
        }
    }
}
