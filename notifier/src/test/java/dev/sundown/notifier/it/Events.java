package dev.sundown.notifier.it;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.FindingKind;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyInForce;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import dev.sundown.testsupport.KafkaBroker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to the real broker as the collector, evaluator and executor do. */
final class Events {

    private Events() {
    }

    static void send(Topic topic, String key, EventData data) {
        KafkaBroker.shared().sendEvent(topic, key, CloudEvent.of(URI.create("/sundown/test"), Instant.now(), data));
    }

    /** Many findings at once: one producer, acknowledged together (acks=all). */
    static void uncoveredMany(String domain, String scan, List<String> profiles) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaProducer.class.getClassLoader());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (String profile : profiles) {
                ComplianceFinding f = new ComplianceFinding(scan + "-" + profile, scan, FindingKind.SCAN, domain,
                        OwnerKind.USER_PROFILE, profile, false, List.of("server unreachable"), true, true, null,
                        Instant.now());
                producer.send(new ProducerRecord<>(Topics.COMPLIANCE.name(), domain + "/" + profile,
                        EventCodec.standard().encode(CloudEvent.of(URI.create("/sundown/test"), Instant.now(), f))));
            }
            producer.flush();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void uncovered(String domain, String scan, String profile) {
        send(Topics.COMPLIANCE, domain + "/" + profile, new ComplianceFinding(scan + "-" + profile, scan,
                FindingKind.SCAN, domain, OwnerKind.USER_PROFILE, profile, false, List.of("server unreachable"),
                true, true, null, Instant.now()));
    }

    static void covered(String domain, String scan, String profile) {
        send(Topics.COMPLIANCE, domain + "/" + profile, new ComplianceFinding(scan + "-" + profile, scan,
                FindingKind.SCAN, domain, OwnerKind.USER_PROFILE, profile, true, List.of(), true, true,
                Instant.now().minusSeconds(30), Instant.now()));
    }

    static void summary(String domain, String scan, int profiles, int covered) {
        send(Topics.COMPLIANCE, domain, new ComplianceSummary(scan, domain, profiles, 0, covered,
                profiles - covered, 0, 0, true, Instant.now()));
    }

    static ShutdownWarning warning(String noticeId, String domain, String owner, String contact) {
        AppKey key = AppKey.studio(domain, owner, AppType.KernelGateway, "datascience-1-" + noticeId);
        ShutdownWarning w = new ShutdownWarning(noticeId, key, owner, contact,
                List.of(new ResourceRef(ResourceKind.APP, key.appName())), "ml.g4dn.xlarge",
                "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-gpu",
                Instant.now().minus(Duration.ofMinutes(110)), Instant.now().plus(Duration.ofMinutes(10)), 0.736,
                false, Instant.now());
        send(Topics.NOTICES, key.toString(), w);
        return w;
    }

    static ShutdownResult result(String commandId, String domain, String owner, Outcome outcome, double cost) {
        AppKey key = AppKey.studio(domain, owner, AppType.KernelGateway, "app-" + commandId);
        ShutdownResult r = new ShutdownResult(commandId, key, new ResourceRef(ResourceKind.APP, key.appName()),
                outcome, outcome == Outcome.FAILED ? "DeleteApp: ValidationException: app is in a transitional state"
                : outcome == Outcome.SKIPPED_BECAME_ACTIVE ? "kernel ran code after the decision" : "deleted",
                "idle for 120 min",
                new PolicyInForce(List.of("global"), Duration.ofMinutes(120), Duration.ofMinutes(10), false),
                Instant.now().minusSeconds(5), Instant.now(), 1, "ml.g4dn.xlarge", cost);
        send(Topics.SHUTDOWN_RESULTS, key.toString(), r);
        return r;
    }
}
