package dev.sundown.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void shouldRemoveWebhookUrlsAndTheirPathsFromText() {
        SecretMask mask = new SecretMask(List.of("https://hooks.slack.com/services/T000/B000/XXXXSECRET", "wJalrXUt"));

        String masked = mask.mask("POST https://hooks.slack.com/services/T000/B000/XXXXSECRET failed; "
                + "request to /services/T000/B000/XXXXSECRET: 500; key wJalrXUt");

        assertThat(masked).doesNotContain("XXXXSECRET").doesNotContain("wJalrXUt")
                .isEqualTo("POST *** failed; request to ***: 500; key ***");
    }
}
