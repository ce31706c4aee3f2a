package dev.sundown.notifier.domain;

import static dev.sundown.notifier.Fixtures.T0;
import static dev.sundown.notifier.Fixtures.warning;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComposerTest {

    @Test
    void shouldTellTheOwnerWhatStopsWhenAndWhy() {
        Content c = Composer.compose(Notification.warning(warning("n1", "alice", "U012ABC"),
                new Recipient("alice", "U012ABC", null, null), T0));

        assertThat(c.title()).isEqualTo("Your app datascience-1-ml-g4dn-xlarge-abc will be shut down at 2026-03-02 10:10 UTC");
        assertThat(c.summary()).isEqualTo("Your KernelGateway app datascience-1-ml-g4dn-xlarge-abc (ml.g4dn.xlarge,"
                + " image sagemaker-distribution-gpu) in d-abc123/alice will be shut down at 2026-03-02 10:10 UTC"
                + " unless it is used. It has been idle since 2026-03-02 08:10 UTC.");
        assertThat(c.fields()).contains(new Content.Field("Cost", "$0.74/h"));
        assertThat(c.items()).containsExactly("app:datascience-1-ml-g4dn-xlarge-abc");
    }

    @Test
    void shouldSayWhyAWarningWithOnlyAnEmailWentToTheAdmins() {
        Content c = Composer.compose(Notification.warning(warning("n1", "dave", "dave@example.com"),
                new Recipient("dave", null, "dave@example.com", null), T0));

        assertThat(c.summary()).endsWith("Owner dave (dave@example.com) has no Slack user or SNS topic configured,"
                + " so this goes to the admins.");
        assertThat(c.fields()).contains(new Content.Field("E-mail", "dave@example.com"));
    }
}
