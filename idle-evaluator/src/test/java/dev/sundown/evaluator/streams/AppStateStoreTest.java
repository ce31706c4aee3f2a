package dev.sundown.evaluator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app-state store's object layer: what Kafka Streams commits must include every state written before the
 * commit, and what it discards must not survive in the layer. {@code flushCache} is what Kafka Streams calls on
 * every cached store before it commits; {@code clearCache} when it throws uncommitted work away.
 */
class AppStateStoreTest {

    private KeyValueStore<String, AppState> below;
    private AppStateStore store;

    @BeforeEach
    void open() {
        below = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EvaluatorTopology.APP_STORE),
                Serdes.String(), new AppStateSerde()).withLoggingDisabled().build();
        store = new AppStateStore(below);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static AppState state(String app, long version) {
        return AppState.empty(AppKey.studio("d-1", "alice", AppType.KernelGateway, app)).withIndexedAt(version);
    }

    @Test
    void shouldKeepWritesAsObjectsUntilKafkaStreamsFlushesBeforeACommit() {
        // given a state written by the processor
        AppState written = state("app-1", 1);
        store.put("app-1", written);

        // then the processor reads it back as the same object, and nothing has reached the store below yet
        assertThat(store.get("app-1")).isSameAs(written);
        assertThat(below.get("app-1")).isNull();

        // when Kafka Streams flushes before committing
        store.flushCache();

        // then the state is in the store below (and so in its changelog, within the transaction being committed)
        assertThat(below.get("app-1")).isEqualTo(written);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void shouldWriteOnlyTheLastOfSeveralStatesOfOneApp() {
        store.put("app-1", state("app-1", 1));
        store.put("app-1", state("app-1", 2));
        store.put("app-1", state("app-1", 3));

        assertThat(store.pendingCount()).isEqualTo(1);
        store.flushCache();
        assertThat(below.get("app-1")).isEqualTo(state("app-1", 3));
    }

    @Test
    void shouldDropWhatKafkaStreamsDiscardsAndKeepWhatWasCommitted() {
        // given a committed state and a newer one written after the commit
        store.put("app-1", state("app-1", 1));
        store.flushCache();
        store.put("app-1", state("app-1", 2));
        store.put("app-2", state("app-2", 1));

        // when Kafka Streams throws the uncommitted work away (a dirty close, a task found corrupted)
        store.clearCache();

        // then only the committed state is left
        assertThat(store.get("app-1")).isEqualTo(state("app-1", 1));
        assertThat(store.get("app-2")).isNull();
        store.flushCache();
        assertThat(below.get("app-2")).isNull();
    }

    @Test
    void shouldForgetADeletedAppAtOnceAndBelowAtTheNextFlush() {
        store.put("app-1", state("app-1", 1));
        store.flushCache();

        assertThat(store.delete("app-1")).isEqualTo(state("app-1", 1));

        assertThat(store.get("app-1")).isNull();
        assertThat(below.get("app-1")).isNotNull();
        store.flushCache();
        assertThat(below.get("app-1")).isNull();
    }

    @Test
    void shouldWriteDownAtOnceWhenTooManyStatesWait() {
        for (int i = 0; i <= AppStateStore.MAX_PENDING; i++) {
            store.put("app-" + i, state("app-" + i, i));
        }

        assertThat(store.pendingCount()).isZero();
        assertThat(below.approximateNumEntries()).isEqualTo(AppStateStore.MAX_PENDING + 1L);
    }

    @Test
    void shouldScanPendingStatesWithTheOthers() {
        store.put("app-1", state("app-1", 1));
        store.flushCache();
        store.put("app-2", state("app-2", 1));
        store.delete("app-1");

        List<KeyValue<String, AppState>> all = new ArrayList<>();
        try (KeyValueIterator<String, AppState> it = store.all()) {
            it.forEachRemaining(all::add);
        }

        assertThat(all).extracting(kv -> kv.key).containsExactly("app-2");
    }

    @Test
    void shouldShowQueriesFromOtherThreadsWhatWasLastFlushed() throws Exception {
        // given a state flushed, and a newer one still pending on the stream thread
        store.put("app-1", state("app-1", 1));
        store.flushCache();
        store.put("app-1", state("app-1", 2));

        // then a query from another thread reads the flushed one, and cannot write
        assertThat(CompletableFuture.supplyAsync(() -> store.get("app-1")).get()).isEqualTo(state("app-1", 1));
        assertThatThrownBy(() -> CompletableFuture.runAsync(() -> store.put("app-1", state("app-1", 9))).join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(store.get("app-1")).isEqualTo(state("app-1", 2));
    }
}
