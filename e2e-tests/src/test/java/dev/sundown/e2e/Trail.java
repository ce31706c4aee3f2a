package dev.sundown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Outcome;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The audit trail on Kafka, as an auditor's plain consumer reads it. */
final class Trail {

    private Trail() {
    }

    /** Every record of a topic that decodes as a Sundown event (malformed test records are left out). */
    static List<CloudEvent<EventData>> events(Topic topic) {
        List<CloudEvent<EventData>> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readToEnd(topic.name())) {
            try {
                out.add(EventCodec.standard().decode(r.value(), topic));
            } catch (MalformedEventException e) {
                // records the faults test wrote on purpose
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T extends EventData> List<T> data(Topic topic, Class<T> type) {
        return events(topic).stream().map(CloudEvent::data).filter(type::isInstance).map(d -> (T) d)
                .collect(Collectors.toList());
    }

    static List<ShutdownCommand> commands(Predicate<ShutdownCommand> filter) {
        return data(Topics.SHUTDOWN_COMMANDS, ShutdownCommand.class).stream().filter(filter).toList();
    }

    static List<ShutdownResult> results(Predicate<ShutdownResult> filter) {
        return data(Topics.SHUTDOWN_RESULTS, ShutdownResult.class).stream().filter(filter).toList();
    }

    static List<ShutdownWarning> warnings(Predicate<ShutdownWarning> filter) {
        return data(Topics.NOTICES, ShutdownWarning.class).stream().filter(filter).toList();
    }

    static List<ComplianceFinding> findings(Predicate<ComplianceFinding> filter) {
        return data(Topics.COMPLIANCE, ComplianceFinding.class).stream().filter(filter).toList();
    }

    static List<DeadLetter> deadLetters() {
        return data(Topics.DEAD_LETTERS, DeadLetter.class);
    }

    /** Waits for a result matching {@code filter} and returns it. */
    static ShutdownResult awaitResult(String what, Duration atMost, Predicate<ShutdownResult> filter) {
        List<ShutdownResult> found = new ArrayList<>();
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            found.addAll(results(filter));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    static ShutdownWarning awaitWarning(String what, Duration atMost, Predicate<ShutdownWarning> filter) {
        List<ShutdownWarning> found = new ArrayList<>();
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            found.addAll(warnings(filter));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /**
     * The invariant of every scenario: each command whose app key starts with {@code keyPrefix} ends in exactly
     * one result (waits up to {@code atMost} for results still under way), and no result is left without a command.
     */
    static void assertEveryCommandHasExactlyOneResult(String keyPrefix, Duration atMost) {
        await("every command of " + keyPrefix + "* has exactly one result")
                .atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, Long> commandIds = commands(c -> c.appKey().toString().startsWith(keyPrefix))
                            .stream().collect(Collectors.groupingBy(ShutdownCommand::commandId,
                                    Collectors.counting()));
                    Map<String, Long> resultIds = results(r -> r.appKey().toString().startsWith(keyPrefix))
                            .stream().collect(Collectors.groupingBy(ShutdownResult::commandId,
                                    Collectors.counting()));
                    assertThat(resultIds).as("results per command id of %s*", keyPrefix)
                            .containsOnlyKeys(commandIds.keySet());
                    assertThat(resultIds.values()).as("results per command id of %s*", keyPrefix)
                            .allMatch(n -> n == 1);
                });
    }

    /** No result for an app key starting with {@code keyPrefix} says the resource was stopped. */
    static void assertNothingStopped(String keyPrefix) {
        assertThat(results(r -> r.appKey().toString().startsWith(keyPrefix)))
                .as("results of %s*", keyPrefix)
                .noneMatch(r -> r.outcome() == Outcome.DONE);
    }
}
