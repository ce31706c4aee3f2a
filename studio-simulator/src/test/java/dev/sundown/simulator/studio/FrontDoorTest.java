package dev.sundown.simulator.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrontDoorTest {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final FrontDoor.Grant ALICE = new FrontDoor.Grant("d-demo0000001", "alice", null);

    @Test
    void shouldOpenOneSessionPerPresignedUrl() {
        FrontDoor door = new FrontDoor(Optional.empty());
        String token = door.issue(ALICE, Duration.ofMinutes(5), Duration.ofHours(12), NOW);

        Optional<FrontDoor.Session> first = door.redeem(token, NOW.plusSeconds(1));
        Optional<FrontDoor.Session> second = door.redeem(token, NOW.plusSeconds(2));

        assertThat(first).isPresent();
        assertThat(first.get().xsrf()).isNotEqualTo(first.get().id());
        assertThat(second).isEmpty();
        assertThat(door.session(first.get().id(), NOW.plusSeconds(3))).isPresent();
    }

    @Test
    void shouldRefuseAPresignedUrlAfterItExpired() {
        FrontDoor door = new FrontDoor(Optional.empty());
        String token = door.issue(ALICE, Duration.ofSeconds(5), Duration.ofHours(12), NOW);

        assertThat(door.redeem(token, NOW.plusSeconds(5))).isEmpty();
    }

    @Test
    void shouldEndSessionsAfterTheirDurationOrTheConfiguredOverride() {
        FrontDoor requested = new FrontDoor(Optional.empty());
        FrontDoor overridden = new FrontDoor(Optional.of(Duration.ofSeconds(30)));
        String a = requested.redeem(requested.issue(ALICE, Duration.ofMinutes(5), Duration.ofMinutes(30), NOW), NOW).orElseThrow().id();
        String b = overridden.redeem(overridden.issue(ALICE, Duration.ofMinutes(5), Duration.ofMinutes(30), NOW), NOW).orElseThrow().id();

        assertThat(requested.session(a, NOW.plus(Duration.ofMinutes(29)))).isPresent();
        assertThat(requested.session(a, NOW.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(overridden.session(b, NOW.plusSeconds(31))).isEmpty();
    }

    @Test
    void shouldExpireMatchingSessionsOnDemand() {
        FrontDoor door = new FrontDoor(Optional.empty());
        String alice = door.redeem(door.issue(ALICE, Duration.ofMinutes(5), Duration.ofHours(1), NOW), NOW).orElseThrow().id();
        String bob = door.redeem(door.issue(new FrontDoor.Grant("d-demo0000001", "bob", null), Duration.ofMinutes(5),
                Duration.ofHours(1), NOW), NOW).orElseThrow().id();

        int expired = door.expire(grant -> grant.userProfileName().equals("alice"));

        assertThat(expired).isEqualTo(1);
        assertThat(door.session(alice, NOW)).isEmpty();
        assertThat(door.session(bob, NOW)).isPresent();
    }
}
