package dev.sundown.evaluator.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.Child;
import dev.sundown.evaluator.domain.Issued;
import dev.sundown.evaluator.domain.Unobserved;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.OwnerKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppStateSerdeTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00.123456789Z");
    private final AppStateSerde serde = new AppStateSerde();

    private static AppState full() {
        AppKey key = AppKey.studio("d-1", "alice", AppType.KernelGateway, "datascience-1");
        return new AppState(key, OwnerKind.SPACE, "InService", "ml.t3.medium", "arn:image/x",
                Map.of("sundown:slack-user", "U012ABC", "team", "é"), T, T.plusSeconds(1), true, T.plusSeconds(2),
                Map.of("k1", new Child("k1", "python3", ExecutionState.IDLE, 2, T, T.plusSeconds(3), "a/b.ipynb"),
                        "k2", new Child("k2", null, ExecutionState.UNKNOWN, 0, T, T, null)),
                Map.of("1", new Child("1", "1", null, 0, T.minusSeconds(5), T, null)), T.plusSeconds(4),
                T.plusSeconds(5), T.plusSeconds(6), T.plusSeconds(7), Map.of("studio/d-1/alice", T.plusSeconds(8)),
                Map.of("sagemaker/d-1", new Unobserved("403 from the API", T.plusSeconds(9))), T.plusSeconds(10),
                Map.of("app:x", new Issued(T, T.plusSeconds(11), null, null),
                        "kernel:k1", new Issued(T, null, T.plusSeconds(12), "abc123")), 1_767_600_000_123L);
    }

    @Test
    void shouldReadBackEveryFieldOfAState() {
        // given a state with every field set, and one with every optional field absent
        AppState full = full();
        AppState empty = AppState.empty(AppKey.jupyter("lab"));

        // when each is written and read back
        AppState fullBack = serde.deserializer().deserialize("t", serde.serializer().serialize("t", full));
        AppState emptyBack = serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty));

        // then they are the same states
        assertThat(fullBack).isEqualTo(full);
        assertThat(emptyBack).isEqualTo(empty);
    }

    @Test
    void shouldReadStatesWrittenAsJsonByEarlierVersions() throws Exception {
        // given a state stored as JSON (the changelog format of earlier versions)
        byte[] json = EventCodec.newMapper().writeValueAsBytes(full());

        // when it is read
        AppState back = serde.deserializer().deserialize("t", json);

        // then it is the same state
        assertThat(back).isEqualTo(full());
    }

    @Test
    void shouldWriteFarFewerBytesThanJson() throws Exception {
        // given a typical state
        AppState full = full();

        // when written
        byte[] compact = serde.serializer().serialize("t", full);

        // then it is smaller than its JSON form
        assertThat(compact.length).isLessThan(EventCodec.newMapper().writeValueAsBytes(full).length);
    }
}
