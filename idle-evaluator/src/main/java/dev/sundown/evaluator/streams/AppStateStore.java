package dev.sundown.evaluator.streams;

import dev.sundown.evaluator.domain.AppState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The app-state store: a changelogged key-value store with the states written since the last commit kept as
 * objects in front of it, in place of Kafka Streams' record cache.
 *
 * <p>The events of one poll (the app, its kernels, its terminals) arrive one after the other and each derives a new
 * state of the same app. Through the record cache every one of them would be serialized and put in the cache
 * (a sorted map of byte keys), although only the last reaches RocksDB and the changelog; and the cache keeps an
 * app's bytes long after it is needed, since the app's next poll comes a poll interval later. Here a write only
 * replaces the object; the objects are serialized and written to RocksDB and the changelog when Kafka Streams
 * flushes its caches, which it does before every commit and on a clean close, so what is committed (the input
 * offsets and the changelog, in one transaction under exactly-once) always includes every state derived from the
 * input before it. A dirty close or a task found corrupted clears them, and the task restarts from the changelog,
 * as it would with the record cache. At most {@link #MAX_PENDING} states wait; more are written down at once.
 *
 * <p>The pending states belong to the stream thread that runs the task. Interactive queries, which come from other
 * threads, read the store below: they see the states as of the last flush (at most one commit interval old).
 */
final class AppStateStore implements KeyValueStore<String, AppState>, CachedStateStore<String, AppState> {

    static final int MAX_PENDING = 1_024;
    /** Marks a key deleted since the last flush. */
    private static final Object DELETED = new Object();

    private final KeyValueStore<String, AppState> store;
    /** Key to its newest state, or {@link #DELETED}; written in the order the keys were first written. */
    private final Map<String, Object> pending = new LinkedHashMap<>();
    private volatile Thread owner;

    AppStateStore(KeyValueStore<String, AppState> store) {
        this.store = store;
    }

    /** The production store: persistent (RocksDB) or in memory, changelogged, behind the object layer. */
    static StoreBuilder<AppStateStore> builder(KeyValueBytesStoreSupplier supplier) {
        return new Builder(Stores.keyValueStoreBuilder(supplier, Serdes.String(), new AppStateSerde()));
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        owner = Thread.currentThread();
        store.init(context, root);
    }

    @Override
    public AppState get(String key) {
        if (mine()) {
            Object p = pending.get(key);
            if (p != null) {
                return p == DELETED ? null : (AppState) p;
            }
        }
        return store.get(key);
    }

    @Override
    public void put(String key, AppState value) {
        requireOwner();
        pending.put(key, value == null ? DELETED : value);
        if (pending.size() > MAX_PENDING) {
            writePending();
        }
    }

    @Override
    public AppState putIfAbsent(String key, AppState value) {
        AppState current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, AppState>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public AppState delete(String key) {
        AppState current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public KeyValueIterator<String, AppState> range(String from, String to) {
        writePendingIfMine();
        return store.range(from, to);
    }

    @Override
    public KeyValueIterator<String, AppState> reverseRange(String from, String to) {
        writePendingIfMine();
        return store.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, AppState> all() {
        writePendingIfMine();
        return store.all();
    }

    @Override
    public KeyValueIterator<String, AppState> reverseAll() {
        writePendingIfMine();
        return store.reverseAll();
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, AppState>
            prefixScan(P prefix, PS prefixKeySerializer) {
        writePendingIfMine();
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writePendingIfMine();
        return store.approximateNumEntries();
    }

    /**
     * Called by Kafka Streams before every commit (it flushes the caches of the stores that have one, this
     * interface being how it tells them): the pending states go down to RocksDB and the changelog.
     */
    @Override
    public void flushCache() {
        writePending();
    }

    /** Called by Kafka Streams when it discards uncommitted work (a dirty close): the pending states go with it. */
    @Override
    public void clearCache() {
        pending.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, AppState> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        writePending();
        store.flush();
    }

    @Override
    public void close() {
        pending.clear();
        store.close();
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return store.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }

    /** States waiting to be written, for tests. */
    int pendingCount() {
        return pending.size();
    }

    private void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        requireOwner();
        for (Map.Entry<String, Object> e : pending.entrySet()) {
            if (e.getValue() == DELETED) {
                store.delete(e.getKey());
            } else {
                store.put(e.getKey(), (AppState) e.getValue());
            }
        }
        pending.clear();
    }

    private void writePendingIfMine() {
        if (mine()) {
            writePending();
        }
    }

    private boolean mine() {
        return Thread.currentThread() == owner;
    }

    private void requireOwner() {
        if (!mine()) {
            throw new IllegalStateException("the app-state store " + name() + " is written by the stream thread "
                    + "that owns its task, not by " + Thread.currentThread().getName());
        }
    }

    private static final class Builder implements StoreBuilder<AppStateStore> {

        private final StoreBuilder<KeyValueStore<String, AppState>> store;

        Builder(StoreBuilder<KeyValueStore<String, AppState>> store) {
            this.store = store;
        }

        /** The store is its own cache: Kafka Streams' record cache is never added below it. */
        @Override
        public StoreBuilder<AppStateStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<AppStateStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<AppStateStore> withLoggingEnabled(Map<String, String> config) {
            store.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<AppStateStore> withLoggingDisabled() {
            store.withLoggingDisabled();
            return this;
        }

        @Override
        public AppStateStore build() {
            return new AppStateStore(store.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return store.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return store.loggingEnabled();
        }

        @Override
        public String name() {
            return store.name();
        }
    }
}
