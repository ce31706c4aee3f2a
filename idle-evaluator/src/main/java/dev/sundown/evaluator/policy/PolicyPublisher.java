package dev.sundown.evaluator.policy;

import dev.sundown.evaluator.config.EvaluatorConfig;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Writes policies to the compacted policy topic, and seeds the global scope from configuration. */
@ApplicationScoped
public class PolicyPublisher {

    private static final Logger LOG = Logger.getLogger(PolicyPublisher.class);
    private static final URI SOURCE = URI.create("/sundown/idle-evaluator/policies");
    private static final String TOPIC = Topics.POLICIES.name();

    private final String bootstrapServers;
    private final EvaluatorConfig config;
    private final Clock clock;
    private KafkaProducer<String, byte[]> producer;

    PolicyPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EvaluatorConfig config,
                    Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.seedGlobalPolicy()) {
            return;
        }
        try {
            if (!hasGlobalPolicy()) {
                EvaluatorConfig.DefaultPolicy d = config.defaultPolicy();
                publish(new IdlePolicy(PolicyScope.GLOBAL, d.idleLimit(), d.warnBefore(), false,
                        d.terminalsKeepAlive(), d.ignoreConnections(), d.shutdownKernelsIndividually(), d.dryRun(),
                        "configuration", clock.instant()));
                LOG.infof("seeded the global policy from configuration: idle limit %s", d.idleLimit());
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not seed the global policy (the configured default still applies): %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    /** Writes the policy under its scope and waits for the broker's acknowledgement. */
    public void publish(IdlePolicy policy) {
        byte[] value = EventCodec.standard().encode(CloudEvent.of(UUID.randomUUID().toString(), SOURCE,
                clock.instant(), policy));
        send(policy.scope().toString(), value);
    }

    /** Writes a tombstone for the scope. */
    public void delete(PolicyScope scope) {
        send(scope.toString(), null);
    }

    private void send(String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the policy topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the policy topic: " + e.getMessage(), e);
        }
    }

    /** Reads the compacted topic to its end: is there a live record under {@code global}? */
    private boolean hasGlobalPolicy() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            boolean present = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (PolicyScope.GLOBAL.toString().equals(r.key())) {
                        present = r.value() != null;
                    }
                }
            }
            return present;
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "sundown-idle-evaluator-policies");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }
}
