package dev.sundown.simulator.sagemaker;

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
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UserProfileDetails;

@QuarkusTest
class SageMakerApiTest {

    static final String DOMAIN = "d-demo0000001";
    static final String ALICE_KG = "datascience-1-0-ml-t3-medium-1a2b3c";

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
    void shouldListAndDescribeTheDemoDomain() {
        var domains = sageMaker.listDomains(r -> { }).domains();

        assertThat(domains).singleElement().satisfies(domain -> {
            assertThat(domain.domainId()).isEqualTo(DOMAIN);
            assertThat(domain.statusAsString()).isEqualTo("InService");
            assertThat(domain.domainArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:domain/" + DOMAIN);
        });
        var described = sageMaker.describeDomain(r -> r.domainId(DOMAIN));
        assertThat(described.domainName()).isEqualTo("demo-studio");
        assertThat(described.defaultUserSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings()
                .idleTimeoutInMinutes()).isEqualTo(60);
    }

    @Test
    void shouldPageThroughManyUserProfilesWithSmallDefaultPages() {
        for (int i = 1; i <= 23; i++) {
            Simulator.expect(simulator.post("/_sim/domains/" + DOMAIN + "/profiles",
                    new JsonObject().put("name", String.format("user-%02d", i))), 201);
        }

        List<ListUserProfilesResponse> pages = sageMaker.listUserProfilesPaginator(r -> r.domainIdEquals(DOMAIN)).stream().toList();

        List<String> names = pages.stream().flatMap(page -> page.userProfiles().stream())
                .map(UserProfileDetails::userProfileName).toList();
        assertThat(names).hasSize(33).doesNotHaveDuplicates().contains("alice", "judy", "user-01", "user-23");
        assertThat(pages).hasSize(7);
        assertThat(pages.get(0).userProfiles()).hasSize(5);
        assertThat(pages.get(6).nextToken()).isNull();
    }

    @Test
    void shouldHonourMaxResultsAndRejectItOutOfRange() {
        var page = sageMaker.listUserProfiles(r -> r.domainIdEquals(DOMAIN).maxResults(8));

        assertThat(page.userProfiles()).hasSize(8);
        assertThat(page.nextToken()).isNotNull();
        assertThatThrownBy(() -> sageMaker.listApps(r -> r.maxResults(101)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
        assertThatThrownBy(() -> sageMaker.listApps(r -> r.nextToken("not-a-token")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void shouldFilterAppsByUserProfileOrSpace() {
        List<AppDetails> alice = sageMaker.listAppsPaginator(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("alice"))
                .apps().stream().toList();
        List<AppDetails> space = sageMaker.listAppsPaginator(r -> r.domainIdEquals(DOMAIN).spaceNameEquals("team-forecasting"))
                .apps().stream().toList();

        assertThat(alice).extracting(AppDetails::appName).containsExactlyInAnyOrder("default", ALICE_KG);
        assertThat(alice).allSatisfy(app -> assertThat(app.userProfileName()).isEqualTo("alice"));
        assertThat(space).singleElement().satisfies(app -> {
            assertThat(app.appType()).isEqualTo(AppType.JUPYTER_LAB);
            assertThat(app.spaceName()).isEqualTo("team-forecasting");
            assertThat(app.resourceSpec().instanceTypeAsString()).isEqualTo("ml.t3.large");
        });
        assertThatThrownBy(() -> sageMaker.listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("alice")
                .spaceNameEquals("team-forecasting"))).isInstanceOf(SageMakerException.class)
                .hasMessageContaining("Only one of UserProfileNameEquals and SpaceNameEquals");
    }

    @Test
    void shouldDescribeAppWithStudioTimestampsAndResourceSpec() {
        DescribeAppResponse app = sageMaker.describeApp(r -> r.domainId(DOMAIN).userProfileName("erin")
                .appType(AppType.KERNEL_GATEWAY).appName("sagemaker-data-wrang-ml-m5-4xlarge-5f6a7b"));

        assertThat(app.status()).isEqualTo(AppStatus.IN_SERVICE);
        assertThat(app.resourceSpec().instanceTypeAsString()).isEqualTo("ml.m5.4xlarge");
        assertThat(app.resourceSpec().sageMakerImageArn())
                .isEqualTo("arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-data-wrangler-1.0");
        assertThat(app.creationTime()).isBefore(Instant.now().minus(Duration.ofHours(3)));
        assertThat(app.lastHealthCheckTimestamp()).isNotNull();
        assertThat(app.lastUserActivityTimestamp()).isNotNull().isAfterOrEqualTo(app.lastHealthCheckTimestamp());
        assertThat(app.appArn()).endsWith(":app/" + DOMAIN + "/erin/kernelgateway/sagemaker-data-wrang-ml-m5-4xlarge-5f6a7b");
    }

    @Test
    void shouldDescribeUserProfileSettingsAndTags() {
        DescribeUserProfileResponse alice = sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("alice"));
        DescribeUserProfileResponse ivan = sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("ivan"));

        assertThat(alice.userSettings().jupyterServerAppSettings().lifecycleConfigArns())
                .containsExactly("arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/auto-shutdown");
        assertThat(ivan.userSettings().jupyterServerAppSettings().hasLifecycleConfigArns()).isFalse();
        assertThat(ivan.userSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings()
                .lifecycleManagementAsString()).isEqualTo("DISABLED");
        var tags = sageMaker.listTags(r -> r.resourceArn(alice.userProfileArn()
                .replace("alice", "frank"))).tags();
        assertThat(tags).anySatisfy(tag -> {
            assertThat(tag.key()).isEqualTo("sundown:exempt");
            assertThat(tag.value()).isEqualTo("true");
        });
    }

    @Test
    void shouldListAndDescribeSpaces() {
        var spaces = sageMaker.listSpaces(r -> r.domainIdEquals(DOMAIN)).spaces();
        var space = sageMaker.describeSpace(r -> r.domainId(DOMAIN).spaceName("team-forecasting"));

        assertThat(spaces).singleElement().satisfies(summary -> {
            assertThat(summary.spaceName()).isEqualTo("team-forecasting");
            assertThat(summary.ownershipSettingsSummary().ownerUserProfileName()).isEqualTo("alice");
            assertThat(summary.spaceSharingSettingsSummary().sharingTypeAsString()).isEqualTo("Shared");
        });
        assertThat(space.spaceSettings().appTypeAsString()).isEqualTo("JupyterLab");
        assertThat(space.spaceSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings()
                .idleTimeoutInMinutes()).isEqualTo(60);
    }

    @Test
    void shouldCreateAppPendingThenInService() {
        String arn = sageMaker.createApp(r -> r.domainId(DOMAIN).userProfileName("dave").appType(AppType.KERNEL_GATEWAY)
                .appName("new-app").resourceSpec(s -> s.instanceType("ml.t3.large"))).appArn();

        assertThat(arn).endsWith("/dave/kernelgateway/new-app");
        assertThat(describe("dave", "new-app").status()).isEqualTo(AppStatus.PENDING);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(describe("dave", "new-app").status()).isEqualTo(AppStatus.IN_SERVICE));
        assertThatThrownBy(() -> sageMaker.createApp(r -> r.domainId(DOMAIN).userProfileName("dave")
                .appType(AppType.KERNEL_GATEWAY).appName("new-app"))).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void shouldDeleteAppThroughDeletingToDeletedAndKeepListingItForAWhile() {
        sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("alice").appType(AppType.KERNEL_GATEWAY).appName(ALICE_KG));

        assertThat(describe("alice", ALICE_KG).status()).isEqualTo(AppStatus.DELETING);
        assertThatThrownBy(() -> sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("alice")
                .appType(AppType.KERNEL_GATEWAY).appName(ALICE_KG))).isInstanceOf(ResourceInUseException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(describe("alice", ALICE_KG).status()).isEqualTo(AppStatus.DELETED));
        assertThat(sageMaker.listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("alice")).apps())
                .anySatisfy(app -> {
                    assertThat(app.appName()).isEqualTo(ALICE_KG);
                    assertThat(app.status()).isEqualTo(AppStatus.DELETED);
                });
        assertThatThrownBy(() -> sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("alice")
                .appType(AppType.KERNEL_GATEWAY).appName(ALICE_KG))).isInstanceOf(ResourceNotFoundException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sageMaker.listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("alice")).apps())
                        .extracting(AppDetails::appName).containsExactly("default"));
        assertThatThrownBy(() -> describe("alice", ALICE_KG)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(simulator.calls("sagemaker", "DeleteApp")).hasSize(3);
    }

    @Test
    void shouldAnswerResourceNotFoundForWhatDoesNotExist() {
        assertThatThrownBy(() -> describe("alice", "no-such-app")).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sageMaker.describeDomain(r -> r.domainId("d-nothere")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("mallory")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.deleteApp(r -> r.domainId(DOMAIN).userProfileName("alice")
                .appType(AppType.KERNEL_GATEWAY).appName("no-such-app"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void shouldAnswerValidationExceptionForMissingRequiredMembers() {
        assertThatThrownBy(() -> sageMaker.describeApp(r -> r.domainId(DOMAIN).userProfileName("alice")
                .appType(AppType.KERNEL_GATEWAY)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("'appName'", "must not be null");
                });
    }

    @Test
    void shouldServeTheAsyncClientAcrossPages() {
        List<AppDetails> apps = new CopyOnWriteArrayList<>();
        try (SageMakerAsyncClient async = Aws.sageMakerAsync(simulator.baseUrl())) {
            async.listAppsPaginator(r -> r.domainIdEquals(DOMAIN)).apps().subscribe(apps::add).join();
        }

        assertThat(apps).extracting(AppDetails::status).contains(AppStatus.IN_SERVICE);
        assertThat(apps.stream().filter(app -> app.status() == AppStatus.IN_SERVICE)).hasSize(17);
        assertThat(apps).extracting(AppDetails::appName).contains("sagemaker-data-wrang-ml-m5-4xlarge-5f6a7b");
    }

    @Test
    void shouldAnswerBadRequestsInTheAwsErrorShapeWithoutAStackTrace() {
        HttpResponse<Buffer> unknown = raw("SageMaker.StopEverything", "{}");
        HttpResponse<Buffer> malformed = raw("SageMaker.ListApps", "{\"DomainIdEquals\":");
        HttpResponse<Buffer> noTarget = raw(null, "{}");
        HttpResponse<Buffer> wrongType = raw("SageMaker.DescribeDomain", "{\"DomainId\": 42}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getString("__type")).isEqualTo("UnknownOperationException");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("__type")).isEqualTo("SerializationException");
        assertThat(noTarget.bodyAsJsonObject().getString("__type")).isEqualTo("UnknownOperationException");
        assertThat(wrongType.bodyAsJsonObject().getString("__type")).isEqualTo("SerializationException");
        for (HttpResponse<Buffer> response : List.of(unknown, malformed, noTarget, wrongType)) {
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
            assertThat(response.bodyAsString()).doesNotContain("at dev.", "Exception:", "\tat ");
        }
    }

    private HttpResponse<Buffer> raw(String target, String body) {
        var request = simulator.client().postAbs(simulator.baseUrl() + "/")
                .putHeader("Content-Type", "application/x-amz-json-1.1");
        if (target != null) {
            request.putHeader("X-Amz-Target", target);
        }
        return request.sendBuffer(Buffer.buffer(body)).await().atMost(Duration.ofSeconds(10));
    }

    private DescribeAppResponse describe(String profile, String appName) {
        return sageMaker.describeApp(r -> r.domainId(DOMAIN).userProfileName(profile).appType(AppType.KERNEL_GATEWAY)
                .appName(appName));
    }
}
