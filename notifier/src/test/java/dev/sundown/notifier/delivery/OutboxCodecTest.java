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

    @Test
    void shouldKeepTheReportsOfOneDomainOnOnePartitionAndSpreadTheRest() {
        // given a domain's compliance report and two coverage changes, and two warnings
        Notification scan = Notifications.compliance(3);
        Notification lost = Notifications.coverage(2);
        Notification restored = Notifications.coverage(3);
        Notification w1 = Notifications.warning("U1");
        Notification w2 = Notification.warning(dev.sundown.notifier.Fixtures.warning("n2", "bob", "U2"),
                new dev.sundown.notifier.domain.Recipient("bob", "U2", null, null), dev.sundown.notifier.Fixtures.T0);

        // then the reports share a key, so a channel posts them in the order they were made
        assertThat(lost.id()).isNotEqualTo(restored.id());
        assertThat(Outbox.keyOf(lost)).isEqualTo(Outbox.keyOf(restored)).isEqualTo(Outbox.keyOf(scan));
        // and other notifications keep their own ids as keys
        assertThat(Outbox.keyOf(w1)).isEqualTo(w1.id()).isNotEqualTo(Outbox.keyOf(w2));
    }
}
