package dev.sundown.executor.it;

import static org.awaitility.Awaitility.await;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import dev.sundown.testsupport.KafkaBroker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the executor wrote on Kafka, read as an auditor would: every partition from the beginning, no group. */
public final class Trail implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private final KafkaBroker broker;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> results = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();

    public Trail(KafkaBroker broker) {
        this.broker = broker;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "executor-test-trail-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : List.of(Topics.SHUTDOWN_RESULTS, Topics.DEAD_LETTERS)) {
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Sends a command as the idle evaluator does: key = app key, value = CloudEvent with the command id. */
    public void send(ShutdownCommand command) {
        send(command.appKey().toString(), command);
    }

    public void send(String key, ShutdownCommand command) {
        broker.sendEvent(Topics.SHUTDOWN_COMMANDS, key, CloudEvent.of(command.commandId(),
                URI.create("/sundown/idle-evaluator"), Instant.now(), command));
    }

    public void sendRaw(String key, byte[] value) {
        broker.send(Topics.SHUTDOWN_COMMANDS.name(), key, value);
    }

    /** Waits for the result of a command and returns it. */
    public ShutdownResult awaitResult(ShutdownCommand command) {
        await("result of " + command.commandId()).atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> !resultsOf(command.commandId()).isEmpty());
        return resultsOf(command.commandId()).get(0);
    }

    /** Every result recorded so far for a command id. */
    public List<ShutdownResult> resultsOf(String commandId) {
        poll();
        return allResults().stream().filter(r -> r.commandId().equals(commandId)).collect(Collectors.toList());
    }

    public synchronized List<ShutdownResult> allResults() {
        poll();
        return results.stream()
                .map(r -> (ShutdownResult) EventCodec.standard().decode(r.value(), Topics.SHUTDOWN_RESULTS).data())
                .collect(Collectors.toList());
    }

    /** The key under which a command's result was written. */
    public synchronized Optional<String> resultKey(String commandId) {
        poll();
        return results.stream().filter(r -> ((ShutdownResult) EventCodec.standard()
                        .decode(r.value(), Topics.SHUTDOWN_RESULTS).data()).commandId().equals(commandId))
                .map(ConsumerRecord::key).findFirst();
    }

    /** Waits for a dead letter of this service matching {@code which}. */
    public DeadLetter awaitDeadLetter(Predicate<DeadLetter> which) {
        await("dead letter").atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> deadLetters().stream().anyMatch(which));
        return deadLetters().stream().filter(which).findFirst().orElseThrow();
    }

    public synchronized List<DeadLetter> deadLetters() {
        poll();
        return deadLetters.stream()
                .map(r -> (DeadLetter) EventCodec.standard().decode(r.value(), Topics.DEAD_LETTERS).data())
                .filter(d -> d.service().equals("shutdown-executor"))
                .collect(Collectors.toList());
    }

    private synchronized void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            if (record.topic().equals(Topics.SHUTDOWN_RESULTS.name())) {
                results.add(record);
            } else {
                deadLetters.add(record);
            }
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
