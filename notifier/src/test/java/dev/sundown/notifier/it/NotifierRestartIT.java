package dev.sundown.notifier.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A notifier started after {@link NotifierIT}'s (another profile is another application) against the same broker
 * and simulator, with new consumer groups: it reads every input and the whole outbox again, the worst a restart
 * can do. Only the sent-keys log on Kafka stands between that and a second copy of every message. Run alone,
 * without NotifierIT's messages before it, it is skipped.
 */
@QuarkusTest
@TestProfile(NotifierRestartIT.Restarted.class)
@QuarkusTestResource(value = SimulatorResource.class, restrictToAnnotatedClass = true)
class NotifierRestartIT {

    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.compliance.group.id", "sundown-notifier-restarted",
                    "mp.messaging.incoming.notices.group.id", "sundown-notifier-restarted",
                    "mp.messaging.incoming.results.group.id", "sundown-notifier-restarted",
                    "mp.messaging.incoming.sns-outbox.group.id", "sundown-notifier-sns-restarted",
                    "mp.messaging.incoming.slack-outbox.group.id", "sundown-notifier-slack-restarted");
        }
    }

    private final Simulator sim = Simulator.shared();

    private long snsCount(Predicate<JsonNode> filter) {
        return sim.snsMessages().stream().filter(filter).count();
    }

    @Test
    void shouldNotSendAnythingAgainAfterARestartWithinTheSuppressionWindow() {
        Predicate<JsonNode> probe = NotifierIT.snsAttr("domain", "d-restart");
        Assumptions.assumeTrue(snsCount(probe) == 2,
                "runs after NotifierIT (Quarkus orders test classes without a profile first), which sends the probe");
        long snsBefore = sim.snsMessages().size();
        long slackBefore = sim.slackMessages().size();

        // when: the restarted notifier has read everything again (a new warning behind it proves it got there)
        Events.warning("warn-after-restart", "d-restarted", "uma", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> snsCount(NotifierIT.snsAttr("domain", "d-restarted")) == 1);

        // then: nothing sent before the restart was sent again, the probe included
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                snsCount(probe) == 2
                        && sim.snsMessages().size() == snsBefore + 1
                        && sim.slackMessages().size() == slackBefore + 1);
    }
}
