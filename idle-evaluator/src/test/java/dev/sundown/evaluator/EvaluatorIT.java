package dev.sundown.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.sundown.evaluator.support.Events;
import dev.sundown.evaluator.support.FreshStateDirResource;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventData;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Topics;
import dev.sundown.testsupport.KafkaBroker;
import dev.sundown.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The evaluator service against a real broker, with the test profile's short policy (6 s limit, 3 s warning).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FreshStateDirResource.class)
class EvaluatorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final KafkaBroker broker = KafkaBroker.shared();

    private static AppKey newApp() {
        return AppKey.studio("d-it", "user-" + UUID.randomUUID().toString().substring(0, 8), AppType.KernelGateway,
                "app");
    }

    private void observeIdleKernel(AppKey app, Instant lastActivity) {
        Instant now = Instant.now();
        broker.sendEvent(Topics.KERNEL_ACTIVITY, app.toString(), Events.envelope(
                Events.kernel(app, "k1", ExecutionState.IDLE, lastActivity, now), now));
        broker.sendEvent(Topics.APP_ACTIVITY, app.toString(), Events.envelope(
                Events.app(app, List.of("k1"), List.of(), now), now));
    }

    private <T extends EventData> List<T> eventsFor(dev.sundown.events.Topic topic, AppKey app, Class<T> type,
                                                    int atLeast) {
        // the read that saw them is the answer: a second short read can come back empty on a loaded machine
        java.util.concurrent.atomic.AtomicReference<List<T>> seen = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            seen.set(dataFor(topic, app, type, Duration.ofMillis(500)));
            return seen.get().size() >= atLeast;
        });
        return seen.get();
    }

    private <T extends EventData> List<T> dataFor(dev.sundown.events.Topic topic, AppKey app, Class<T> type,
                                                  Duration readFor) {
        return broker.readAll(topic.name(), readFor, 0).stream()
                .filter(r -> app.toString().equals(r.key()))
                .map(r -> dev.sundown.events.EventCodec.standard().decode(r.value(), topic))
                .map(CloudEvent::data).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldReportReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void shouldWarnThenCommandIdleApp() {
        // given an app whose only kernel went idle now
        AppKey app = newApp();
        Instant idleSince = Instant.now();
        observeIdleKernel(app, idleSince);

        // then a warning, then one command at the 6 s deadline, or 3 s after the warning when the warning went out
        // late (a topology that joined its group slowly): the owner always gets the full warning period
        List<ShutdownWarning> warnings = eventsFor(Topics.NOTICES, app, ShutdownWarning.class, 1);
        List<ShutdownCommand> commands = eventsFor(Topics.SHUTDOWN_COMMANDS, app, ShutdownCommand.class, 1);
        Instant limitReached = idleSince.plusSeconds(6);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.deadline())
                .isEqualTo(w.issuedAt().plusSeconds(3).isAfter(limitReached) ? w.issuedAt().plusSeconds(3)
                        : limitReached));
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.resource().kind()).isEqualTo(ResourceKind.APP);
            assertThat(c.idleSince()).isEqualTo(idleSince);
            assertThat(c.deadline()).isEqualTo(limitReached);
            assertThat(c.decidedAt()).isAfterOrEqualTo(warnings.get(0).deadline());
            assertThat(c.policy().idleLimit()).isEqualTo(Duration.ofSeconds(6));
            assertThat(Duration.between(c.deadline(), c.decidedAt())).isLessThan(Duration.ofSeconds(3));
        });
        assertThat(warnings.get(0).issuedAt()).isBefore(commands.get(0).decidedAt());
    }

    @Test
    void shouldDeadLetterMalformedRecordAndKeepProcessing() {
        // given a record that is not JSON, then valid activity for another app
        AppKey broken = newApp();
        broker.send(Topics.KERNEL_ACTIVITY.name(), broken.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        AppKey app = newApp();
        observeIdleKernel(app, Instant.now());

        // then the bad record is a dead letter with its reason, and the valid app is still decided on
        List<DeadLetter> letters = eventsFor(Topics.DEAD_LETTERS, broken, DeadLetter.class, 1);
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.service()).isEqualTo("idle-evaluator");
            assertThat(d.problem()).isEqualTo("NOT_JSON");
            assertThat(d.sourceTopic()).isEqualTo(Topics.KERNEL_ACTIVITY.name());
        });
        assertThat(eventsFor(Topics.SHUTDOWN_COMMANDS, app, ShutdownCommand.class, 1)).hasSize(1);
    }

    @Test
    void shouldRejectInvalidPolicyNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"idleLimit\":\"PT10M\",\"warnBefore\":\"PT20M\"}")
                .when().put("/policies/domain/d-bad")
                .then().statusCode(400).body("field", equalTo("warnBefore"));
        given().contentType(ContentType.JSON).body("{\"idleLimit\":\"ten minutes\"}")
                .when().put("/policies/domain/d-bad")
                .then().statusCode(400).body("field", equalTo("idleLimit"));
        given().contentType(ContentType.JSON).body("{\"exempt\":\"yes\"}")
                .when().put("/policies/owner/d-bad")
                .then().statusCode(400).body("field", equalTo("scope"));
    }

    @Test
    void shouldSeedGlobalPolicyAndStorePutPolicyUntilDeleted() {
        // the configured default is on the topic
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/policies/global").then().statusCode(200)
                .body("idleLimit", equalTo("PT6S")));

        // given an exemption written through the API
        given().contentType(ContentType.JSON).body("{\"exempt\":true}")
                .when().put("/policies/owner/d-it/vip").then().statusCode(200).body("scope", equalTo("owner/d-it/vip"));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/policies").then().statusCode(200)
                .body("scope", hasItem("owner/d-it/vip")));

        // when the exempt owner's app idles past the limit, no command
        AppKey vip = AppKey.studio("d-it", "vip", AppType.KernelGateway, "app");
        observeIdleKernel(vip, Instant.now().minusSeconds(60));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/apps/" + vip + "/explain").then()
                .statusCode(200).body("exempt", is(true)));
        assertThat(dataFor(Topics.SHUTDOWN_COMMANDS, vip, ShutdownCommand.class, Duration.ofSeconds(2))).isEmpty();

        // when the policy is deleted, it is gone
        given().when().delete("/policies/owner/d-it/vip").then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/policies/owner/d-it/vip").then()
                .statusCode(404));
    }

    @Test
    void shouldAnswerQueriesAboutTrackedApps() {
        // given an app with a busy kernel, and one whose kernel is idle
        AppKey busy = newApp();
        Instant now = Instant.now();
        broker.sendEvent(Topics.KERNEL_ACTIVITY, busy.toString(), Events.envelope(
                Events.kernel(busy, "k1", ExecutionState.BUSY, now, now), now));
        broker.sendEvent(Topics.APP_ACTIVITY, busy.toString(), Events.envelope(
                Events.app(busy, List.of("k1"), List.of(), now), now));

        // then it is tracked, and the explanation says why it is not being shut down
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/apps").then().statusCode(200)
                .body("appKey", hasItem(busy.toString())));
        given().when().get("/apps/" + busy + "/explain").then().statusCode(200)
                .body("reasons[0]", org.hamcrest.Matchers.containsString("k1 is busy"));
        given().when().get("/apps/d-it/nobody/KernelGateway/none/explain").then().statusCode(404);

        // and an idle app shows up with its deadline among the upcoming shutdowns
        AppKey idle = newApp();
        given().contentType(ContentType.JSON).body("{\"idleLimit\":\"PT10M\",\"warnBefore\":\"PT1M\"}")
                .when().put("/policies/owner/" + idle.domainId() + "/" + idle.owner()).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/policies/owner/" + idle.domainId() + "/"
                + idle.owner()).then().statusCode(200));
        observeIdleKernel(idle, now);
        await().atMost(WAIT).untilAsserted(() -> {
            given().when().get("/shutdowns/upcoming").then().statusCode(200).body("appKey", hasItem(idle.toString()));
            given().when().get("/apps/idle").then().statusCode(200).body("appKey", hasItem(idle.toString()));
        });
    }
}
