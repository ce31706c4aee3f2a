package dev.sundown.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.notifier.Notifications;
import dev.sundown.notifier.domain.Notification;
import org.junit.jupiter.api.Test;

class OutboxCodecTest {

    @Test
    void shouldReadBackEveryKindOfNotificationAsItWasWritten() {
        for (Notification n : Notifications.everyKind(false)) {
            assertThat(Outbox.decode(Outbox.encode(n))).as(n.id()).isEqualTo(n);
        }
    }
}
