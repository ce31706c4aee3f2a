package dev.sundown.notifier.delivery;

import dev.sundown.notifier.config.NotifierConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The notifier's own Kafka plumbing next to SmallRye's channels: one idempotent producer (acks=all) for the
 * outbox, the sent-keys log and dead letters, and the creation of the notifier's two topics when missing.
 */
@ApplicationScoped
public class NotifierKafka {

    private static final Logger LOG = Logger.getLogger(NotifierKafka.class);

    private final String bootstrapServers;
    private final NotifierConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public NotifierKafka(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         NotifierConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Writes one record; completes when the broker has it (acks=all). */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Creates the outbox topic (delete policy) and the sent-keys log (compact plus delete, kept at least twice the
     * suppression window) unless they exist.
     */
    public void createOwnTopics() {
        NotifierConfig.Topics t = config.topics();
        long keepSent = Math.max(config.suppressionWindow().multipliedBy(2).toMillis(), Duration.ofDays(7).toMillis());
        Map<String, String> sentConfigs = new HashMap<>();
        sentConfigs.put(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete");
        sentConfigs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(keepSent));
        Map<String, String> outboxConfigs = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete",
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()));
        List<NewTopic> wanted = List.of(
                new NewTopic(t.outbox(), t.outboxPartitions(), t.replicationFactor()).configs(outboxConfigs),
                new NewTopic(t.sent(), 1, t.replicationFactor()).configs(sentConfigs));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic nt : wanted) {
                if (!existing.contains(nt.name())) {
                    missing.add(nt);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(60, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey(), ex.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + bootstrapServers, e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sundown-notifier");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    p = new KafkaProducer<>(props);
                    producer = p;
                }
            }
        }
        return p;
    }

    void close(@Observes @Priority(10) ShutdownEvent event) {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
    }
}
