package dev.sundown.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.notifier.Notifications;
import dev.sundown.notifier.domain.Notification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackRendererTest {

    private final SlackRenderer renderer = new SlackRenderer();

    @Test
    void shouldKeepEveryMessageKindWithinBlockKitLimitsEvenForHugeInputs() {
        List<Notification> all = new ArrayList<>(Notifications.everyKind(false));
        all.addAll(Notifications.everyKind(true));
        for (Notification n : all) {
            SlackMessage m = renderer.render(n);
            assertThat(BlockKitLimits.violations(m.payload())).as(n.id() + " " + m.payload().size()).isEmpty();
            assertThat(m.text()).as("fallback of " + n.id()).isNotBlank();
        }
    }

    @Test
    void shouldMentionTheOwnerWhenTheirSlackUserIsKnown() {
        SlackMessage m = renderer.render(Notifications.warning("U012ABC"));

        assertThat(m.text()).startsWith("<@U012ABC> Your app datascience-1-ml-g4dn-xlarge-abc will be shut down at");
        JsonNode summary = m.payload().path("blocks").get(1).path("text").path("text");
        assertThat(summary.asText()).startsWith("<@U012ABC> Your KernelGateway app")
                .contains("ml.g4dn.xlarge, image sagemaker-distribution-gpu")
                .contains("unless it is used");
    }

    @Test
    void shouldSayWhenNoOwnerContactIsKnownAndMentionNobody() {
        SlackMessage m = renderer.render(Notifications.warning(null));

        assertThat(m.text()).doesNotContain("<@").contains("No contact is known for owner alice");
    }

    @Test
    void shouldCutLongListsAndSayHowManyMore() {
        SlackMessage m = renderer.render(Notifications.compliance(500));

        String all = m.payload().path("blocks").toString();
        assertThat(all).contains("\u2026and 460 more");
        assertThat(m.payload().path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("Compliance: 500 new issues in d-abc123");
    }

    @Test
    void shouldEscapeSlackControlCharactersInTexts() {
        SlackMessage m = renderer.render(Notifications.failure(40));

        String summary = m.payload().path("blocks").get(1).path("text").path("text").asText();
        assertThat(summary).contains("x&lt;&amp;&gt;").doesNotContain("x<&>");
    }
}
