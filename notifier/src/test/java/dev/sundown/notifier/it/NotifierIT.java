package dev.sundown.notifier.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventData;
import dev.sundown.events.Outcome;
import dev.sundown.events.Topics;
import dev.sundown.notifier.slack.BlockKitLimits;
import dev.sundown.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The notifier against the real broker and the studio-simulator's SNS (through the AWS SDK) and Slack receiver.
 * Each test uses its own domain or ids, so it reads back only its own messages.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatorResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotifierIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Simulator sim = Simulator.shared();

    @AfterEach
    void clearFaults() {
        sim.faults(null);
    }

    static Predicate<JsonNode> snsAttr(String name, String value) {
        return m -> value.equals(m.path("attributes").path(name).path("StringValue").asText());
    }

    List<JsonNode> sns(Predicate<JsonNode> filter) {
        return sim.snsMessages().stream().filter(filter).collect(Collectors.toList());
    }

    List<JsonNode> slack(Predicate<JsonNode> filter) {
        return sim.slackMessages().stream().filter(filter).collect(Collectors.toList());
    }

    static Predicate<JsonNode> slackText(String fragment) {
        return m -> m.path("text").asText().contains(fragment);
    }

    @Test
    @Order(0)
    void shouldReportReadyWithKafkaAndExposePrometheusMetrics() {
        // readiness covers the Kafka channels and the sent-keys log read to its end
        await("notifier ready").atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when()
                .get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP")));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE"));
    }

    @Test
    @Order(1)
    void shouldSendOneMessagePerDomainAndScanWithTheLegacyBodyToSnsAndSlack() throws Exception {
        // given: a scan of two domains, each with a summary and three findings, two of them not covered
        for (String domain : List.of("d-group1", "d-group2")) {
            Events.summary(domain, "scan-1", 3, 1);
            Events.uncovered(domain, "scan-1", "alice");
            Events.uncovered(domain, "scan-1", "bob");
            Events.covered(domain, "scan-1", "carol");
        }

        // then: one SNS message and one Slack message per domain
        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-group2")).size() == 1
                && slack(slackText("in d-group2")).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> sns(snsAttr("domain", "d-group1")).size() == 1
                        && slack(slackText("in d-group1")).size() == 1);

        JsonNode m = sns(snsAttr("domain", "d-group1")).get(0);
        assertThat(m.path("topicArn").asText()).isEqualTo(SimulatorResource.adminTopicArn);
        assertThat(m.path("subject").asText()).isEqualTo("Compliance: 2 new issues in d-group1");
        assertThat(m.path("messageStructure").asText()).isEqualTo("json");
        assertThat(m.path("attributes").path("kind").path("StringValue").asText()).isEqualTo("compliance");
        assertThat(m.path("attributes").path("severity").path("StringValue").asText()).isEqualTo("warning");
        JsonNode bodies = JSON.readTree(m.path("message").asText());
        JsonNode legacy = JSON.readTree(bodies.path("default").asText());
        assertThat(legacy).isEqualTo(JSON.readTree("{\"profiles_with_no_auto_shutdown_ext\":["
                + "{\"domain-id\":\"d-group1\",\"user-profile\":\"alice\"},"
                + "{\"domain-id\":\"d-group1\",\"user-profile\":\"bob\"}]}"));
        assertThat(bodies.path("email").asText()).contains("- profile alice: not covered (server unreachable)")
                .contains("Not covered: 2").doesNotContain("profile carol");

        JsonNode post = slack(slackText("in d-group1")).get(0);
        assertThat(post.path("webhook").asText()).isEqualTo("admin");
        assertThat(BlockKitLimits.violations(post.path("payload"))).isEmpty();
        assertThat(post.path("payload").path("blocks").toString()).contains("profile alice: not covered");
    }

    @Test
    @Order(2)
    void shouldNotRepeatFindingsOfTheNextScanButReportNewOnes() {
        // given: the first scan was reported
        Events.summary("d-repeat", "scan-1", 1, 0);
        Events.uncovered("d-repeat", "scan-1", "alice");
        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-repeat")).size() == 1);

        // when: the next scan finds alice again, and dave for the first time
        Events.summary("d-repeat", "scan-2", 2, 0);
        Events.uncovered("d-repeat", "scan-2", "alice");
        Events.uncovered("d-repeat", "scan-2", "dave");

        // then: only dave is new
        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-repeat")).size() == 2);
        JsonNode second = sns(snsAttr("domain", "d-repeat")).get(1);
        assertThat(second.path("subject").asText()).isEqualTo("Compliance: 1 new issue in d-repeat");
        assertThat(second.path("message").asText()).contains("profile dave").doesNotContain("- profile alice")
                .contains("1 more was reported recently");
    }

    @Test
    @Order(3)
    void shouldWarnTheOwnerWithAMentionOrOnTheirTopicElseTheAdmins() {
        Events.warning("warn-bob", "d-warn", "bob", null);
        Events.warning("warn-erin", "d-warn", "erin", "U0ERIN42");
        Events.warning("warn-carol", "d-warn", "carol", "carol@example.com");
        Events.warning("warn-frank", "d-warn", "frank", null);

        await().atMost(WAIT).until(() -> slack(slackText("datascience-1-warn-")).size() == 4
                && sns(snsAttr("kind", "warning").and(snsAttr("domain", "d-warn"))).size() == 4);

        assertThat(slack(slackText("datascience-1-warn-bob")).get(0).path("text").asText()).startsWith("<@U0BOB> ");
        assertThat(slack(slackText("datascience-1-warn-erin")).get(0).path("text").asText())
                .startsWith("<@U0ERIN42> Your app datascience-1-warn-erin will be shut down at");
        assertThat(slack(slackText("datascience-1-warn-frank")).get(0).path("text").asText())
                .doesNotContain("<@").contains("No contact is known for owner frank");
        JsonNode carol = sns(snsAttr("owner", "carol")).get(0);
        assertThat(carol.path("topicArn").asText()).isEqualTo(SimulatorResource.carolTopicArn);
        assertThat(carol.path("message").asText()).contains("(ml.g4dn.xlarge, image sagemaker-distribution-gpu)")
                .contains("unless it is used").contains("E-mail: carol@example.com");
        assertThat(sns(snsAttr("owner", "frank")).get(0).path("topicArn").asText())
                .isEqualTo(SimulatorResource.adminTopicArn);
        assertThat(carol.path("subject").asText()).hasSizeLessThanOrEqualTo(100).startsWith("Your app datascience-1-warn-carol");
    }

    @Test
    @Order(4)
    void shouldNotSendTheSameWarningTwice() {
        var w = Events.warning("warn-twice", "d-twice", "gina", null);
        Events.send(Topics.NOTICES, w.appKey().toString(), w);

        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-twice")).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> sns(snsAttr("domain", "d-twice")).size() == 1
                        && slack(slackText("datascience-1-warn-twice")).size() == 1);
    }

    @Test
    @Order(5)
    void shouldSendFailuresAtOnceAndADigestWithSavingsOnDemand() {
        Events.result("cmd-done-1", "d-digest", "hana", Outcome.DONE, 0.736);
        Events.result("cmd-done-2", "d-digest", "ivan", Outcome.DONE, 0.05);
        Events.result("cmd-skip-1", "d-digest", "jill", Outcome.SKIPPED_BECAME_ACTIVE, 0.92);
        Events.result("cmd-fail-1", "d-digest", "kurt", Outcome.FAILED, 0.92);

        await().atMost(WAIT).until(() -> sns(snsAttr("kind", "failure").and(snsAttr("domain", "d-digest"))).size() == 1
                && slack(slackText("Shutdown failed: app:app-cmd-fail-1")).size() == 1);
        assertThat(sns(snsAttr("kind", "failure").and(snsAttr("domain", "d-digest"))).get(0)
                .path("attributes").path("severity").path("StringValue").asText()).isEqualTo("error");

        Instant from = Instant.now().minus(Duration.ofMinutes(5));
        JsonNode answer = JSON.valueToTree(given().queryParam("from", from.toString()).when().post("/digest")
                .then().statusCode(202).extract().as(java.util.Map.class));
        assertThat(answer.path("shutDown").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(answer.path("savedPerHour").asDouble()).isGreaterThanOrEqualTo(0.786);

        await().atMost(WAIT).until(() -> slack(m -> m.path("webhook").asText().equals("finops")
                && m.path("payload").toString().contains("app-cmd-done-1")).size() == 1);
        JsonNode digest = sns(snsAttr("kind", "digest").and(m -> m.path("message").asText().contains("app-cmd-done-1")))
                .get(0);
        assertThat(digest.path("message").asText())
                .contains("Shut down: d-digest/hana/KernelGateway/app-cmd-done-1 (ml.g4dn.xlarge, $0.74/h)")
                .contains("Skipped (became active): d-digest/jill/KernelGateway/app-cmd-skip-1")
                .contains("FAILED: d-digest/kurt/KernelGateway/app-cmd-fail-1")
                .contains("Saved per day: $");
    }

    @Test
    @Order(6)
    void shouldSplitAHugeScanIntoPartsWithinSnsLimits() throws Exception {
        int profiles = 2000;
        Events.summary("d-huge", "scan-1", profiles, 0);
        Events.uncoveredMany("d-huge", "scan-1", java.util.stream.IntStream.range(0, profiles)
                .mapToObj(i -> String.format("user-with-a-rather-long-profile-name-%05d", i)).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> !sns(snsAttr("domain", "d-huge")).isEmpty()
                && slack(slackText("in d-huge")).size() == 1);
        List<JsonNode> parts = await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-huge")),
                list -> !list.isEmpty() && list.size() == partsAnnounced(list.get(0)));
        int listed = 0;
        for (JsonNode p : parts) {
            assertThat(p.path("subject").asText()).hasSizeLessThanOrEqualTo(100).contains("(part ");
            assertThat(p.path("message").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024);
            listed += JSON.readTree(JSON.readTree(p.path("message").asText()).path("default").asText())
                    .path("profiles_with_no_auto_shutdown_ext").size();
        }
        assertThat(parts.size()).isGreaterThan(1);
        assertThat(listed).isEqualTo(profiles);
        assertThat(slack(slackText("in d-huge")).get(0).path("payload").toString()).contains("and 1960 more");
    }

    private static int partsAnnounced(JsonNode part) {
        String s = part.path("subject").asText();
        int slash = s.lastIndexOf('/');
        return slash < 0 ? 1 : Integer.parseInt(s.substring(slash + 1, s.length() - 1));
    }

    @Test
    @Order(7)
    void shouldDeliverToSnsWhileSlackIsRateLimitedAndHonourRetryAfter() {
        // given: Slack answers 429 with Retry-After: 2 twice
        sim.faults("{\"slack\":{\"rateLimitRate\":1.0,\"retryAfterSeconds\":2,\"count\":2}}");

        Events.warning("warn-429", "d-slack429", "lena", null);

        // then: SNS has it long before Slack, and each has it once
        await().atMost(Duration.ofSeconds(3)).until(() -> sns(snsAttr("domain", "d-slack429")).size() == 1);
        assertThat(slack(slackText("datascience-1-warn-429"))).isEmpty();
        await().atMost(WAIT).until(() -> slack(slackText("datascience-1-warn-429")).size() == 1);
        Instant snsAt = Instant.parse(sns(snsAttr("domain", "d-slack429")).get(0).path("time").asText());
        Instant slackAt = Instant.parse(slack(slackText("datascience-1-warn-429")).get(0).path("time").asText());
        assertThat(snsAt).isBefore(slackAt);
        // each retry waited the Retry-After the 429 before it asked for (the simulator's clock throughout)
        List<Instant> limited = sim.calls("slack").stream().filter(c -> c.path("status").asInt() == 429)
                .map(c -> Instant.parse(c.path("time").asText())).sorted().toList();
        assertThat(limited).hasSizeGreaterThanOrEqualTo(2);
        Instant secondLimited = limited.get(limited.size() - 1);
        assertThat(secondLimited).isAfterOrEqualTo(limited.get(limited.size() - 2).plusSeconds(2));
        assertThat(slackAt).isAfterOrEqualTo(secondLimited.plusSeconds(2));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> slack(slackText("datascience-1-warn-429")).size() == 1
                        && sns(snsAttr("domain", "d-slack429")).size() == 1);
    }

    @Test
    @Order(8)
    void shouldRetrySlack500sAndSns500sIndependentlyAndSendEachOnce() {
        sim.faults("{\"slack\":{\"errorRate\":1.0,\"count\":3},\"sns\":{\"Publish\":{\"errorRate\":1.0,\"count\":3}}}");

        Events.warning("warn-500", "d-both500", "mona", null);

        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-both500")).size() == 1
                && slack(slackText("datascience-1-warn-500")).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> sns(snsAttr("domain", "d-both500")).size() == 1
                        && slack(slackText("datascience-1-warn-500")).size() == 1);
    }

    @Test
    @Order(9)
    void shouldDeliverToSlackWhileSnsIsDownAndDeadLetterSnsAfterTheLastAttempt() {
        sim.faults("{\"sns\":{\"Publish\":{\"errorRate\":1.0}}}");

        Events.warning("warn-snsdown", "d-snsdown", "nina", null);

        await().atMost(Duration.ofSeconds(5)).until(() -> slack(slackText("datascience-1-warn-snsdown")).size() == 1);
        CloudEvent<EventData> letter = deadLetterFor("warning|warn-snsdown");
        DeadLetter d = (DeadLetter) letter.data();
        assertThat(d.service()).isEqualTo("notifier");
        assertThat(d.problem()).isEqualTo("DELIVERY_FAILED");
        assertThat(d.reason()).startsWith("sns: SNS InternalError (HTTP 500)").contains("after 5 attempts");
        assertThat(sns(snsAttr("domain", "d-snsdown"))).isEmpty();
    }

    @Test
    @Order(10)
    void shouldDeadLetterSlackFailuresWithoutTheWebhookUrl() {
        sim.faults("{\"slack\":{\"errorRate\":1.0}}");

        Events.warning("warn-slackdown", "d-slackdown", "olga", null);

        await().atMost(Duration.ofSeconds(5)).until(() -> sns(snsAttr("domain", "d-slackdown")).size() == 1);
        DeadLetter d = (DeadLetter) deadLetterFor("warning|warn-slackdown").data();
        assertThat(d.reason()).startsWith("slack: Slack answered HTTP 500").contains("after 5 attempts");
        assertThat(d.reason() + d.payload()).doesNotContain("/slack/webhook").doesNotContain(sim.baseUrl());
    }

    @Test
    @Order(11)
    void shouldDeadLetterMalformedRecordsAndKeepGoing() {
        KafkaBroker.shared().send(Topics.NOTICES.name(), "d-bad/x/KernelGateway/y",
                "{not json".getBytes(StandardCharsets.UTF_8));

        DeadLetter d = (DeadLetter) await().atMost(WAIT).until(() -> deadLetters().stream()
                        .filter(e -> "d-bad/x/KernelGateway/y".equals(((DeadLetter) e.data()).key())).findFirst(),
                java.util.Optional::isPresent).get().data();
        assertThat(d.service()).isEqualTo("notifier");
        assertThat(d.sourceTopic()).isEqualTo(Topics.NOTICES.name());
        assertThat(d.problem()).isEqualTo("NOT_JSON");

        Events.warning("warn-after-bad", "d-afterbad", "pia", null);
        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-afterbad")).size() == 1);
    }

    @Test
    @Order(12)
    void shouldReportCoverageLostPromptlyInOneMessagePerDomain() {
        for (String owner : List.of("quinn", "rosa")) {
            Events.send(Topics.COMPLIANCE, "d-cov/" + owner, new dev.sundown.events.ComplianceFinding(
                    "lost-" + owner, "change-" + owner, dev.sundown.events.FindingKind.COVERAGE_LOST, "d-cov",
                    dev.sundown.events.OwnerKind.USER_PROFILE, owner, false, List.of("observations stale"), null,
                    null, Instant.now().minusSeconds(600), Instant.now()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sns(snsAttr("domain", "d-cov")).size() == 1);
        JsonNode m = sns(snsAttr("domain", "d-cov")).get(0);
        assertThat(m.path("subject").asText()).isEqualTo("Coverage lost: 2 sources in d-cov");
        assertThat(m.path("attributes").path("kind").path("StringValue").asText()).isEqualTo("coverage");
    }

    @Test
    @Order(13)
    void shouldTellAdminsOfEveryCoverageChangeOfOneSource() {
        // given one source that is lost, restored and lost again, each change under the same scan id
        List<String> subjects = List.of("Coverage lost: 1 source in d-flap", "Coverage restored: 1 source in d-flap",
                "Coverage lost: 1 source in d-flap");
        for (int i = 0; i < subjects.size(); i++) {
            boolean lost = i % 2 == 0;
            Events.send(Topics.COMPLIANCE, "d-flap/uma", new dev.sundown.events.ComplianceFinding(
                    "flap-" + i, "coverage/d-flap/uma",
                    lost ? dev.sundown.events.FindingKind.COVERAGE_LOST : dev.sundown.events.FindingKind.COVERAGE_RESTORED,
                    "d-flap", dev.sundown.events.OwnerKind.USER_PROFILE, "uma", !lost,
                    List.of(lost ? "observations stale" : "observed again"), null, null,
                    Instant.now().minusSeconds(60), Instant.now()));
            int expected = i + 1;

            // then each change reaches SNS and Slack as a message of its own
            await().atMost(Duration.ofSeconds(10)).until(() -> sns(snsAttr("domain", "d-flap")).size() == expected
                    && slack(slackText("d-flap")).size() == expected);
        }
        assertThat(sns(snsAttr("domain", "d-flap"))).extracting(m -> m.path("subject").asText())
                .containsExactlyElementsOf(subjects);
    }

    /** Left for {@link NotifierRestartIT}: sent once here, must not be sent again after the restart. */
    @Test
    @Order(99)
    void shouldDeliverTheRestartProbeOnce() {
        Events.warning("warn-restart-probe", "d-restart", "sara", null);
        Events.summary("d-restart", "scan-1", 1, 0);
        Events.uncovered("d-restart", "scan-1", "tom");

        await().atMost(WAIT).until(() -> sns(snsAttr("domain", "d-restart")).size() == 2
                && slack(slackText("d-restart")).size() == 2);
    }

    static CloudEvent<EventData> deadLetterFor(String key) {
        return await().atMost(WAIT).until(() -> deadLetters().stream()
                .filter(e -> key.equals(((DeadLetter) e.data()).key())).findFirst(), java.util.Optional::isPresent)
                .get();
    }

    static List<CloudEvent<EventData>> deadLetters() {
        return KafkaBroker.shared().readEvents(Topics.DEAD_LETTERS, 1, WAIT);
    }
}
