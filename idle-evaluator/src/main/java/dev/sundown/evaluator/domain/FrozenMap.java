package dev.sundown.evaluator.domain;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable map in key order, the form every map of an {@link AppState} takes. A state derived from another shares
 * the maps it did not change, so deriving a state copies only what changed (an {@link AppState} is derived several
 * times for every activity event).
 */
final class FrozenMap<V> extends AbstractMap<String, V> {

    private static final FrozenMap<?> EMPTY = new FrozenMap<>(new TreeMap<>());

    private final SortedMap<String, V> map;
    private final Set<Entry<String, V>> entries;

    private FrozenMap(TreeMap<String, V> owned) {
        this.map = owned;
        this.entries = Collections.unmodifiableSortedMap(owned).entrySet();
    }

    /** {@code map} itself when it is already frozen, else a frozen copy (empty for null). */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> of(Map<String, V> map) {
        if (map instanceof FrozenMap<V> frozen) {
            return frozen;
        }
        if (map == null || map.isEmpty()) {
            return (FrozenMap<V>) EMPTY;
        }
        return new FrozenMap<>(new TreeMap<>(map));
    }

    /**
     * Freezes {@code map} without copying it when {@code owned} (the caller made it, a {@link TreeMap}, and gives it
     * up: nothing may change it afterwards); else as {@link #of}.
     */
    static <V> Map<String, V> adopt(Map<String, V> map, boolean owned) {
        if (owned && map instanceof TreeMap<String, V> tree) {
            return new FrozenMap<>(tree);
        }
        return of(map);
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return entries;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public V get(Object key) {
        return key instanceof String ? map.get(key) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String && map.containsKey(key);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        map.forEach(action);
    }
}
