package dev.sundown.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sundown.simulator.support.Aws;
import dev.sundown.simulator.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sns.SnsClient;

@QuarkusTest
class FaultInjectionTest {

    static final String DOMAIN = "d-demo0000001";

    @TestHTTPResource("/")
    URL url;
    @Inject
    Vertx vertx;

    Simulator simulator;
    SageMakerClient sageMaker;

    @BeforeEach
    void setUp() {
        simulator = new Simulator(vertx, url);
        simulator.reset();
        sageMaker = Aws.sageMaker(simulator.baseUrl());
    }

    @AfterEach
    void tearDown() {
        sageMaker.close();
        simulator.close();
    }

    @Test
    void shouldSurfaceThrottlingToTheSdkAfterItsRetries() {
        simulator.faults(sageMakerFaults("ListApps", new JsonObject().put("throttleRate", 1.0)));

        assertThatThrownBy(() -> sageMaker.listApps(r -> r.domainIdEquals(DOMAIN)))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(simulator.calls("sagemaker", "ListApps")).hasSize(3)
                .allSatisfy(call -> assertThat(((JsonObject) call).getString("errorType")).isEqualTo("ThrottlingException"));
        assertThat(sageMaker.listDomains(r -> { }).domains()).hasSize(1);
    }

    @Test
    void shouldThrottleOnlyAsOftenAsCountedSoRetriesSucceed() {
        simulator.faults(sageMakerFaults("DeleteApp", new JsonObject().put("throttleRate", 1.0).put("count", 2)));

        sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("dave").appType(AppType.KERNEL_GATEWAY)
                .appName("datascience-1-0-ml-t3-medium-0d0e0f"));

        assertThat(simulator.calls("sagemaker", "DeleteApp")).extracting(call -> ((JsonObject) call).getInteger("status"))
                .containsExactly(400, 400, 200);
    }

    @Test
    void shouldAnswerInjectedServerErrors() {
        simulator.faults(new JsonObject().put("sagemaker", new JsonObject()
                .put("DescribeDomain", new JsonObject().put("errorRate", 1.0).put("errorStatus", 503))
                .put("*", new JsonObject().put("errorRate", 1.0))));

        assertThatThrownBy(() -> sageMaker.describeDomain(r -> r.domainId(DOMAIN)))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.isThrottlingException()).isFalse();
                });
        assertThatThrownBy(() -> sageMaker.listSpaces(r -> r.domainIdEquals(DOMAIN)))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(simulator.calls("sagemaker", "DescribeDomain")).hasSize(3);
    }

    @Test
    void shouldAddLatency() {
        simulator.faults(sageMakerFaults("DescribeDomain", new JsonObject().put("latencyMs", 500)));

        long started = System.nanoTime();
        sageMaker.describeDomain(r -> r.domainId(DOMAIN));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldApplyAndRecordAnOperationBeforeItsDelayedAnswer() throws Exception {
        simulator.faults(sageMakerFaults("DeleteApp", new JsonObject().put("answerDelayMs", 3000)));
        String app = "datascience-1-0-ml-t3-medium-0d0e0f";

        long started = System.nanoTime();
        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> sageMaker.deleteApp(r -> r.domainId(DOMAIN)
                .userProfileName("dave").appType(AppType.KERNEL_GATEWAY).appName(app)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !simulator.calls("sagemaker", "DeleteApp").isEmpty());

        assertThat(answer).isNotDone();
        assertThat(simulator.calls("sagemaker", "DeleteApp")).singleElement()
                .satisfies(call -> assertThat(((JsonObject) call).getInteger("status")).isEqualTo(200));
        assertThat(sageMaker.describeApp(r -> r.domainId(DOMAIN).userProfileName("dave")
                .appType(AppType.KERNEL_GATEWAY).appName(app)).statusAsString()).isIn("Deleting", "Deleted");
        answer.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
        assertThat(simulator.get("/_sim/faults").bodyAsJsonObject().getJsonObject("sagemaker")
                .getJsonObject("DeleteApp").getLong("answerDelayMs")).isEqualTo(3000L);
    }

    @Test
    void shouldInjectTheSameFaultsForTheSameSeed() {
        JsonObject settings = sageMakerFaults("ListDomains", new JsonObject().put("throttleRate", 0.5)).put("seed", 7);

        simulator.faults(settings);
        List<Integer> first = statuses(20);
        simulator.faults(settings);
        List<Integer> second = statuses(20);

        assertThat(first).isEqualTo(second).contains(200, 400);
    }

    @Test
    void shouldFailSnsPublishesWhenInjected() {
        simulator.faults(new JsonObject().put("sns", new JsonObject().put("Publish", new JsonObject().put("errorRate", 1.0))));
        try (SnsClient sns = Aws.sns(simulator.baseUrl())) {
            assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:sundown-alerts").message("m")))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));

            simulator.faults(new JsonObject().put("sns", new JsonObject().put("*", new JsonObject().put("throttleRate", 1.0))));
            assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:sundown-alerts").message("m")))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
        }
        assertThat(simulator.get("/_sim/sns/messages").bodyAsJsonArray()).isEmpty();
    }

    private List<Integer> statuses(int calls) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(simulator.client().postAbs(simulator.baseUrl() + "/")
                    .putHeader("X-Amz-Target", "SageMaker.ListDomains").sendBuffer(Buffer.buffer("{}"))
                    .await().atMost(Duration.ofSeconds(10)).statusCode());
        }
        return statuses;
    }

    private static JsonObject sageMakerFaults(String operation, JsonObject faults) {
        return new JsonObject().put("sagemaker", new JsonObject().put(operation, faults));
    }
}
