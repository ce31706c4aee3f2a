package dev.sundown.notifier.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.notifier.Fixtures;
import dev.sundown.notifier.Notifications;
import dev.sundown.notifier.domain.Notification;
import dev.sundown.notifier.domain.Recipient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnsRendererTest {

    private static final String ADMIN = "arn:aws:sns:us-east-1:000000000000:sundown-admins";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldKeepSubjectAndSizeWithinSnsRulesForEveryKind() {
        SnsRenderer renderer = new SnsRenderer(ADMIN, true, 10);
        List<Notification> all = new ArrayList<>(Notifications.everyKind(false));
        all.addAll(Notifications.everyKind(true));
        for (Notification n : all) {
            for (SnsMessage m : renderer.render(n)) {
                assertThat(m.subject()).as(n.id()).hasSizeLessThanOrEqualTo(100).matches("[\\x20-\\x7e]+");
                assertThat(SnsRenderer.sizeOf(m)).as(n.id()).isLessThanOrEqualTo(256 * 1024);
                assertThat(m.attributes()).containsKeys("severity", "domain", "kind");
            }
        }
    }

    @Test
    void shouldSplitALongComplianceListIntoNumberedPartsThatTogetherListEveryone() throws Exception {
        SnsRenderer renderer = new SnsRenderer(ADMIN, false, 10);

        List<SnsMessage> parts = renderer.render(Notifications.compliance(6_000));

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.get(0).subject()).isEqualTo("Compliance: 6000 new issues in d-abc123 (part 1/" + parts.size() + ")");
        long listed = parts.stream().flatMap(p -> p.message().lines()).filter(l -> l.startsWith("- profile user-"))
                .count();
        assertThat(listed).isEqualTo(6_000);
        assertThat(parts.get(0).message()).contains("Not covered: 6000");
    }

    @Test
    void shouldSummariseBeyondTheMaximumNumberOfParts() {
        SnsRenderer renderer = new SnsRenderer(ADMIN, false, 2, 16 * 1024);

        List<SnsMessage> parts = renderer.render(Notifications.compliance(2_000));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).message()).containsPattern("\\.\\.\\. and \\d+ more not listed here\\.");
        parts.forEach(p -> assertThat(SnsRenderer.sizeOf(p)).isLessThanOrEqualTo(16 * 1024));
    }

    @Test
    void shouldSendTheLegacyBodyAsDefaultAndTheTextAsEmail() throws Exception {
        SnsRenderer renderer = new SnsRenderer(ADMIN, true, 10);

        SnsMessage m = renderer.render(Notifications.compliance(2)).get(0);

        assertThat(m.jsonStructure()).isTrue();
        JsonNode structure = json.readTree(m.message());
        JsonNode legacy = json.readTree(structure.path("default").asText());
        assertThat(legacy.path("profiles_with_no_auto_shutdown_ext")).hasSize(2);
        assertThat(legacy.path("profiles_with_no_auto_shutdown_ext").get(0).path("domain-id").asText())
                .isEqualTo("d-abc123");
        assertThat(legacy.path("profiles_with_no_auto_shutdown_ext").get(0).path("user-profile").asText())
                .isEqualTo("user-00000-\u00e9t\u00e9");
        assertThat(structure.path("email").asText()).startsWith("Compliance: 2 new issues in d-abc123");
    }

    @Test
    void shouldSplitTheLegacyListToo() throws Exception {
        SnsRenderer renderer = new SnsRenderer(ADMIN, true, 50);

        List<SnsMessage> parts = renderer.render(Notifications.compliance(8_000));

        int profiles = 0;
        for (SnsMessage p : parts) {
            assertThat(SnsRenderer.sizeOf(p)).isLessThanOrEqualTo(256 * 1024);
            profiles += json.readTree(json.readTree(p.message()).path("default").asText())
                    .path("profiles_with_no_auto_shutdown_ext").size();
        }
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(profiles).isEqualTo(8_000);
    }

    @Test
    void shouldSendAPlainMessageWithAttributesWhenBodiesDoNotDiffer() {
        SnsRenderer renderer = new SnsRenderer(ADMIN, true, 10);

        SnsMessage m = renderer.render(Notifications.failure(40)).get(0);

        assertThat(m.jsonStructure()).isFalse();
        assertThat(m.topicArn()).isEqualTo(ADMIN);
        assertThat(m.attributes()).containsEntry("severity", "error").containsEntry("kind", "failure")
                .containsEntry("domain", "d-abc123");
    }

    @Test
    void shouldAddressAWarningToTheOwnersTopicWhenKnown() {
        SnsRenderer renderer = new SnsRenderer(ADMIN, false, 10);
        Notification n = Notification.warning(Fixtures.warning("n1", "alice", null),
                new Recipient("alice", null, "alice@example.com", "arn:aws:sns:us-east-1:000000000000:alice"),
                Fixtures.T0);

        SnsMessage m = renderer.render(n).get(0);

        assertThat(m.topicArn()).isEqualTo("arn:aws:sns:us-east-1:000000000000:alice");
        assertThat(m.subject()).isEqualTo("Your app datascience-1-ml-g4dn-xlarge-abc will be shut down at 2026-03-02 10:10 UTC");
        assertThat(m.message()).contains("(ml.g4dn.xlarge, image sagemaker-distribution-gpu)")
                .contains("unless it is used").contains("E-mail: alice@example.com");
        assertThat(m.attributes()).containsEntry("owner", "alice").containsEntry("kind", "warning");
    }

    @Test
    void shouldMakeAnyTitleAValidSubject() {
        assertThat(SnsRenderer.subject("Caf\u00e9 \u2603 line\nbreak\ttab")).isEqualTo("Cafe ? line break tab");
        assertThat(SnsRenderer.subject("x".repeat(300))).hasSize(100).endsWith("...");
        assertThat(SnsRenderer.subject("\n")).isEqualTo("Sundown notification");
    }
}
