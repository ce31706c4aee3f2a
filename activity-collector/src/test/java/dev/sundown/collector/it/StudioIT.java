package dev.sundown.collector.it;

import static dev.sundown.collector.it.StudioWorld.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;

@QuarkusTest
@QuarkusTestResource(value = StudioWorld.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final AppKey ALICE_SERVER = AppKey.studio(DOMAIN, "alice", AppType.JupyterServer, "default");
    private static final AppKey ALICE_GPU = AppKey.studio(DOMAIN, "alice", AppType.KernelGateway,
            "pytorch-gpu-ml-g4dn-xlarge-a1");
    private static final AppKey LAST_PAGE_APP = AppKey.studio(DOMAIN, "user26", AppType.KernelGateway,
            "datascience-ml-t3-medium-z9");
    private static final AppKey HEIDI_SERVER = AppKey.studio(DOMAIN, "heidi", AppType.JupyterServer, "default");
    private static final String KERNEL = "0a1b2c3d-0000-4000-8000-000000000001";

    @Test
    @Order(1)
    void shouldPublishAppsOfEveryProfileAcrossAllPagesWithTheirDetails() {
        await().atMost(WITHIN).untilAsserted(() -> {
            List<AppObserved> apps = Broker.data(Topics.APP_ACTIVITY, ALICE_GPU.toString(), AppObserved.class)
                    .stream().filter(a -> a.source().equals("sagemaker/" + DOMAIN)).toList();
            assertThat(apps).isNotEmpty();
            AppObserved gpu = apps.get(apps.size() - 1);
            assertThat(gpu.status()).isEqualTo("InService");
            assertThat(gpu.instanceType()).isEqualTo("ml.g4dn.xlarge");
            assertThat(gpu.image()).contains("pytorch-1.13-gpu-py39");
            assertThat(gpu.creationTime()).isNotNull();
            assertThat(gpu.lastUserActivity()).isNotNull();
            assertThat(gpu.ownerKind()).isEqualTo(OwnerKind.USER_PROFILE);
            assertThat(gpu.tags()).containsEntry("team", "vision").containsEntry("sundown:idle-limit-minutes", "90");
            assertThat(gpu.kernelIds()).isNull();
            assertThat(gpu.terminalNames()).isNull();
        });
        await().atMost(WITHIN).untilAsserted(() -> {
            AppObserved last = Broker.data(Topics.APP_ACTIVITY, LAST_PAGE_APP.toString(), AppObserved.class).get(0);
            assertThat(last.tags()).containsEntry("cost-center", "cc-26");
            assertThat(last.instanceType()).isEqualTo("ml.t3.medium");
        });
        List<JsonNode> listCalls = StudioWorld.calls("sagemaker", "ListUserProfiles");
        assertThat(listCalls.stream().filter(c -> c.path("request").has("NextToken")).count())
                .as("ListUserProfiles followed NextToken over the pages").isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void shouldMapStudioKernelsToTheirKernelGatewayAppThroughTheFrontDoor() {
        await().atMost(WITHIN).untilAsserted(() -> {
            List<KernelObserved> kernels = Broker.data(Topics.KERNEL_ACTIVITY, ALICE_GPU.toString(),
                    KernelObserved.class);
            assertThat(kernels).isNotEmpty();
            KernelObserved k = kernels.get(kernels.size() - 1);
            assertThat(k.kernelId()).isEqualTo(KERNEL);
            assertThat(k.source()).isEqualTo("studio/" + DOMAIN + "/alice");
            assertThat(k.notebookPath()).isEqualTo("vision/train.ipynb");
            assertThat(k.executionState()).isEqualTo(ExecutionState.IDLE);
            assertThat(k.connections()).isEqualTo(1);
            List<AppObserved> viaFrontDoor = Broker.data(Topics.APP_ACTIVITY, ALICE_GPU.toString(), AppObserved.class)
                    .stream().filter(a -> a.source().startsWith("studio/")).toList();
            assertThat(viaFrontDoor).isNotEmpty();
            AppObserved gpu = viaFrontDoor.get(viaFrontDoor.size() - 1);
            assertThat(gpu.kernelIds()).containsExactly(KERNEL);
            assertThat(gpu.instanceType()).isEqualTo("ml.g4dn.xlarge");
            List<AppObserved> server = Broker.data(Topics.APP_ACTIVITY, ALICE_SERVER.toString(), AppObserved.class)
                    .stream().filter(a -> a.source().startsWith("studio/")).toList();
            assertThat(server).isNotEmpty();
            assertThat(server.get(server.size() - 1).kernelIds()).isEmpty();
        });
    }

    @Test
    @Order(2)
    void shouldMapImageTerminalsToTheirKernelGatewayAppAndKeepUnclaimedOnesOnTheServer() {
        String source = "studio/" + DOMAIN + "/alice";
        await().atMost(WITHIN).untilAsserted(() -> {
            // the image terminal that /sagemaker/api/apps lists under the GPU app belongs to that app
            assertThat(Broker.data(Topics.TERMINAL_ACTIVITY, ALICE_GPU.toString(), TerminalObserved.class))
                    .isNotEmpty()
                    .allMatch(t -> t.appKey().equals(ALICE_GPU) && t.source().equals(source)
                            && t.terminalName().equals("7") && t.lastActivity() != null);
            AppObserved gpu = last(Broker.data(Topics.APP_ACTIVITY, ALICE_GPU.toString(), AppObserved.class)
                    .stream().filter(a -> a.source().equals(source)).toList());
            assertThat(gpu.terminalNames()).containsExactly("7");

            // the system terminal no app claims stays on the JupyterServer app
            assertThat(Broker.data(Topics.TERMINAL_ACTIVITY, ALICE_SERVER.toString(), TerminalObserved.class))
                    .isNotEmpty()
                    .allMatch(t -> t.appKey().equals(ALICE_SERVER) && t.terminalName().equals("1"));
            AppObserved server = last(Broker.data(Topics.APP_ACTIVITY, ALICE_SERVER.toString(), AppObserved.class)
                    .stream().filter(a -> a.source().equals(source)).toList());
            assertThat(server.terminalNames()).containsExactly("1");
        });
    }

    @Test
    @Order(3)
    void shouldReadASharedSpaceThroughItsJupyterLabFrontDoor() {
        AppKey space = AppKey.studio(DOMAIN, "team-space", AppType.JupyterLab, "default");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(
                Broker.data(Topics.APP_ACTIVITY, space.toString(), AppObserved.class))
                .anyMatch(a -> a.source().equals("studio/" + DOMAIN + "/team-space")
                        && a.ownerKind() == OwnerKind.SPACE && a.kernelIds() != null));
    }

    @Test
    @Order(4)
    void shouldNeverLogIntoOrWakeAStoppedServer() {
        await().atMost(WITHIN).until(() -> !StudioWorld.calls("studio", "Login").isEmpty());
        assertThat(StudioWorld.calls("sagemaker", "CreateApp")).isEmpty();
        assertThat(StudioWorld.calls("studio", "CreateApp")).isEmpty();
        assertThat(StudioWorld.calls("sagemaker", "CreatePresignedDomainUrl"))
                .noneMatch(c -> "heidi".equals(c.path("request").path("UserProfileName").asText()));
        assertThat(StudioWorld.calls("studio", "Login"))
                .noneMatch(c -> "heidi".equals(c.path("request").path("userProfileName").asText()));
    }

    @Test
    @Order(5)
    void shouldReportAnUnreachableStudioServerAsUnobserved() {
        AppKey grace = AppKey.studio(DOMAIN, "grace", AppType.JupyterServer, "default");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(
                Broker.data(Topics.APP_ACTIVITY, grace.toString(), SourceUnobserved.class))
                .anyMatch(u -> u.source().equals("studio/" + DOMAIN + "/grace") && !u.reason().isBlank()));
    }

    @Test
    @Order(6)
    void shouldLogInAgainOnceWhenTheSessionExpires() {
        // given alice is observed through a session
        await().atMost(WITHIN).until(() -> loginsOf("alice") >= 1);
        int loginsBefore = loginsOf("alice");

        // when Studio expires her session
        StudioWorld.admin("POST", "/_sim/sessions/expire",
                "{\"domainId\":\"" + DOMAIN + "\",\"userProfileName\":\"alice\"}");
        Instant expiredAt = Instant.now();

        // then the collector logs in again and keeps observing, without reporting her unobserved
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(loginsOf("alice")).isEqualTo(loginsBefore + 1);
            assertThat(Broker.data(Topics.KERNEL_ACTIVITY, ALICE_GPU.toString(), KernelObserved.class))
                    .anyMatch(k -> k.observedAt().isAfter(expiredAt.plusSeconds(1)));
        });
        assertThat(Broker.data(Topics.APP_ACTIVITY, ALICE_SERVER.toString(), SourceUnobserved.class))
                .filteredOn(u -> !u.attemptedAt().isBefore(expiredAt)).as("unobserved since the expiry").isEmpty();
    }

    @Test
    @Order(7)
    void shouldScanComplianceOfEveryProfileAndSpaceOnDemand() {
        await().atMost(WITHIN).until(() ->
                !Broker.data(Topics.KERNEL_ACTIVITY, ALICE_GPU.toString(), KernelObserved.class).isEmpty());

        String scanId = RestAssured.given().post("/compliance/scan")
                .then().statusCode(200).extract().path("scanId");

        List<ComplianceFinding> findings = Broker.records(Topics.COMPLIANCE).stream()
                .map(r -> dev.sundown.events.EventCodec.standard().decode(r.value(), Topics.COMPLIANCE).data())
                .filter(ComplianceFinding.class::isInstance).map(ComplianceFinding.class::cast)
                .filter(f -> f.scanId().equals(scanId)).collect(Collectors.toList());
        assertThat(findings).hasSize(31);
        ComplianceFinding alice = find(findings, "alice");
        assertThat(alice.covered()).isTrue();
        assertThat(alice.lifecycleConfigAttached()).isTrue();
        assertThat(alice.idleShutdownEnabled()).isTrue();
        ComplianceFinding heidi = find(findings, "heidi");
        assertThat(heidi.covered()).isFalse();
        assertThat(heidi.reasons()).containsExactly("app not InService");
        assertThat(heidi.lifecycleConfigAttached()).isFalse();
        assertThat(heidi.idleShutdownEnabled()).isFalse();
        assertThat(find(findings, "grace").reasons()).first().isEqualTo("server unreachable");
        assertThat(find(findings, "frank").reasons()).containsExactly("excluded by policy");
        assertThat(find(findings, "team-space").ownerKind()).isEqualTo(OwnerKind.SPACE);

        List<ComplianceSummary> summaries = Broker.data(Topics.COMPLIANCE, DOMAIN, ComplianceSummary.class).stream()
                .filter(s -> s.scanId().equals(scanId)).toList();
        assertThat(summaries).hasSize(1);
        ComplianceSummary summary = summaries.get(0);
        assertThat(summary.userProfiles()).isEqualTo(30);
        assertThat(summary.spaces()).isEqualTo(1);
        assertThat(summary.covered()).isEqualTo(2);
        assertThat(summary.notCovered()).isEqualTo(29);
        assertThat(summary.complete()).isTrue();
    }

    @Test
    @Order(8)
    void shouldRetryThrottlingAndServerErrorsWithinTheCycle() {
        // given SageMaker throttles the profile listing twice and fails DescribeApp twice with 503
        StudioWorld.admin("PUT", "/_sim/faults", """
                {"sagemaker":{"ListUserProfiles":{"throttleRate":1.0,"count":2},
                              "DescribeApp":{"errorRate":1.0,"errorStatus":503,"count":2}}}""");
        Instant faultsFrom = Instant.now();
        try {
            // then the cycle still completes: a fresh control-plane observation and no unobserved report
            await().atMost(WITHIN).untilAsserted(() -> {
                assertThat(StudioWorld.calls("sagemaker", "ListUserProfiles"))
                        .filteredOn(c -> "ThrottlingException".equals(c.path("errorType").asText())).hasSize(2);
                assertThat(Broker.data(Topics.APP_ACTIVITY, LAST_PAGE_APP.toString(), AppObserved.class))
                        .anyMatch(a -> a.observedAt().isAfter(faultsFrom.plusSeconds(1)));
            });
            assertThat(Broker.data(Topics.APP_ACTIVITY, LAST_PAGE_APP.toString(), SourceUnobserved.class))
                    .filteredOn(u -> !u.attemptedAt().isBefore(faultsFrom)).as("unobserved since the faults").isEmpty();
        } finally {
            StudioWorld.admin("DELETE", "/_sim/faults", null);
        }
    }

    @Test
    @Order(9)
    void shouldReportTheDomainUnobservedWhenSageMakerKeepsFailing() {
        StudioWorld.admin("PUT", "/_sim/faults", "{\"sagemaker\":{\"ListApps\":{\"throttleRate\":1.0}}}");
        try {
            await().atMost(WITHIN).untilAsserted(() -> assertThat(
                    Broker.data(Topics.APP_ACTIVITY, LAST_PAGE_APP.toString(), SourceUnobserved.class))
                    .anyMatch(u -> u.source().equals("sagemaker/" + DOMAIN)
                            && u.reason().contains("ThrottlingException") && u.lastObservedAt() != null));
        } finally {
            StudioWorld.admin("DELETE", "/_sim/faults", null);
        }
    }

    @Test
    @Order(10)
    void shouldPublishTheDeletionOfAnAppExactlyOnceAndKeepObservingTheOwnersOtherApp() throws Exception {
        // given a second KernelGateway app of user26, observed InService by the control-plane cycle
        AppKey doomed = AppKey.studio(DOMAIN, "user26", AppType.KernelGateway, "kg-ella");
        StudioWorld.admin("POST", "/_sim/domains/" + DOMAIN + "/profiles/user26/apps",
                "{\"type\":\"KernelGateway\",\"name\":\"kg-ella\",\"instanceType\":\"ml.t3.medium\"}");
        await().atMost(WITHIN).until(() -> controlPlane(doomed).stream().anyMatch(AppObserved::inService));

        // when it is deleted, with a Deleting phase too short for any cycle to see (delete-delay 0)
        StudioWorld.sagemaker().deleteApp(r -> r.domainId(DOMAIN).userProfileName("user26")
                .appType("KernelGateway").appName("kg-ella")).get(30, TimeUnit.SECONDS);

        // then exactly one AppObserved says it is Deleted
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(deletedObservations(doomed)).hasSize(1));
        AppObserved gone = deletedObservations(doomed).get(0);
        assertThat(gone.source()).isEqualTo("sagemaker/" + DOMAIN);
        assertThat(gone.ownerKind()).isEqualTo(OwnerKind.USER_PROFILE);
        assertThat(gone.kernelIds()).isNull();
        assertThat(gone.terminalNames()).isNull();
        assertThat(gone.tags()).isEmpty();
        assertThat(gone.creationTime()).isNotNull();
        int heidiGone = deletedObservations(HEIDI_SERVER).size();
        assertThat(heidiGone).as("heidi's server, Deleted before the first read, announced on that read").isOne();

        // and the next cycles, which still list both apps as Deleted, repeat neither, while the owner's other app
        // keeps being observed InService
        await("three more cycles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> controlPlane(LAST_PAGE_APP).stream()
                        .filter(a -> a.observedAt().isAfter(gone.observedAt())).count() >= 3);
        assertThat(deletedObservations(doomed)).hasSize(1);
        assertThat(deletedObservations(HEIDI_SERVER)).hasSize(heidiGone);
        List<AppObserved> otherSince = controlPlane(LAST_PAGE_APP).stream()
                .filter(a -> a.observedAt().isAfter(gone.observedAt())).toList();
        assertThat(otherSince).as("cycles of user26's other app since the deletion").allMatch(AppObserved::inService);
        assertThat(controlPlane(doomed)).filteredOn(a -> a.observedAt().isAfter(gone.observedAt()))
                .as("observations of the deleted app after its deletion").isEmpty();
        assertThat(StudioWorld.sagemaker().listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("user26"))
                .get(30, TimeUnit.SECONDS).apps())
                .as("ListApps still lists the app as Deleted")
                .anyMatch(a -> a.appName().equals("kg-ella") && a.status() == AppStatus.DELETED);
        assertThat(StudioWorld.calls("sagemaker", "DescribeApp"))
                .filteredOn(c -> Instant.parse(c.path("time").asText()).isAfter(gone.observedAt()))
                .as("DescribeApp calls since the deletion").isNotEmpty()
                .noneMatch(c -> "kg-ella".equals(c.path("request").path("AppName").asText()));
    }

    private static List<AppObserved> controlPlane(AppKey key) {
        return Broker.data(Topics.APP_ACTIVITY, key.toString(), AppObserved.class).stream()
                .filter(a -> a.source().equals("sagemaker/" + DOMAIN)).toList();
    }

    private static List<AppObserved> deletedObservations(AppKey key) {
        return Broker.data(Topics.APP_ACTIVITY, key.toString(), AppObserved.class).stream()
                .filter(a -> "Deleted".equals(a.status())).toList();
    }

    private static <T> T last(List<T> items) {
        assertThat(items).isNotEmpty();
        return items.get(items.size() - 1);
    }

    private static ComplianceFinding find(List<ComplianceFinding> findings, String owner) {
        return findings.stream().filter(f -> f.owner().equals(owner)).findFirst().orElseThrow();
    }

    private static int loginsOf(String profile) {
        return (int) StudioWorld.calls("studio", "Login").stream()
                .filter(c -> profile.equals(c.path("request").path("userProfileName").asText())
                        && !c.path("request").has("spaceName") && c.path("status").asInt() == 302)
                .count();
    }
}
