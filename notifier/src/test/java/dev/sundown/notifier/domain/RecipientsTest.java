package dev.sundown.notifier.domain;

import static dev.sundown.notifier.Fixtures.warning;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    private final Recipients recipients = new Recipients(Map.of("bob", "U0BOB"),
            Map.of("carol", "arn:aws:sns:us-east-1:000000000000:carol"));

    @Test
    void shouldPreferTheSlackUserFromTheOwnersTags() {
        Recipient r = recipients.of(warning("n1", "bob", "U012ABC"));
        assertThat(r.slackUserId()).isEqualTo("U012ABC");
        assertThat(r.ownerReachable()).isTrue();
    }

    @Test
    void shouldFallBackToTheConfiguredMaps() {
        assertThat(recipients.of(warning("n1", "bob", null)).slackUserId()).isEqualTo("U0BOB");
        Recipient carol = recipients.of(warning("n2", "carol", "carol@example.com"));
        assertThat(carol.snsTopicArn()).isEqualTo("arn:aws:sns:us-east-1:000000000000:carol");
        assertThat(carol.email()).isEqualTo("carol@example.com");
        assertThat(carol.slackUserId()).isNull();
    }

    @Test
    void shouldAddressTheAdminsWhenNoContactIsKnown() {
        Recipient r = recipients.of(warning("n1", "dave", "carol@example.com"));
        assertThat(r.ownerReachable()).isFalse();
        assertThat(r.owner()).isEqualTo("dave");
    }
}
